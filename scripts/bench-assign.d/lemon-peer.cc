// lemon-peer: the peer of assign-solve in scripts/bench-assign, LEMON's
// network simplex (Debian liblemon-dev) on the same pairs.
// usage: lemon-peer PAIRS.tsv CAPACITY
// Reads agent, task, value (integers), every agent with CAPACITY places,
// the places adding up to the tasks (the bench's instances are balanced),
// maximises, and writes the assignment as assign-solve does (agent, task,
// value) on stdout, then "objective N" and "seconds S" (the solve alone:
// building LEMON's network and running it) on stderr.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include <lemon/maps.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

using namespace lemon;

static int
id(std::unordered_map<std::string, int> &m, std::vector<std::string> &names, const char *s,
   size_t n)
{
	auto it = m.emplace(std::string(s, n), (int)m.size());
	if (it.second)
		names.push_back(it.first->first);
	return it.first->second;
}

int
main(int argc, char *argv[])
{
	if (argc != 3) {
		std::fprintf(stderr, "usage: lemon-peer PAIRS.tsv CAPACITY\n");
		return 2;
	}
	FILE *fp = std::fopen(argv[1], "r");
	if (!fp) {
		std::perror(argv[1]);
		return 1;
	}
	long long cap = std::atoll(argv[2]);
	std::unordered_map<std::string, int> agents, tasks;
	std::vector<std::string> aname, tname;
	std::vector<int> pa, pt;
	std::vector<long long> pv;
	char *line = nullptr;
	size_t len = 0;
	ssize_t n;
	bool header = true;
	while ((n = getline(&line, &len, fp)) > 0) {
		if (header) {
			header = false;
			continue;
		}
		char *t1 = std::strchr(line, '\t'), *t2 = t1 ? std::strchr(t1 + 1, '\t') : nullptr;
		if (!t2)
			return 1;
		pa.push_back(id(agents, aname, line, (size_t)(t1 - line)));
		pt.push_back(id(tasks, tname, t1 + 1, (size_t)(t2 - t1 - 1)));
		pv.push_back(std::atoll(t2 + 1));
	}
	std::free(line);
	std::fclose(fp);

	SmartDigraph g;
	std::vector<SmartDigraph::Node> an(agents.size()), tn(tasks.size());
	for (auto &x : an)
		x = g.addNode();
	for (auto &x : tn)
		x = g.addNode();
	SmartDigraph::ArcMap<long long> cost(g);
	SmartDigraph::NodeMap<long long> supply(g);
	g.reserveArc((int)pa.size());
	std::vector<SmartDigraph::Arc> arc(pa.size());
	for (size_t i = 0; i < pa.size(); i++)
		cost[arc[i] = g.addArc(an[pa[i]], tn[pt[i]])] = -pv[i];
	for (auto &x : an)
		supply[x] = cap;
	for (auto &x : tn)
		supply[x] = -1;

	auto t0 = std::chrono::steady_clock::now();
	NetworkSimplex<SmartDigraph, long long, long long> ns(g);
	SmartDigraph::ArcMap<long long> upper(g, 1);
	ns.costMap(cost).upperMap(upper).supplyMap(supply);
	auto st = ns.run();
	auto t1 = std::chrono::steady_clock::now();
	if (st != NetworkSimplex<SmartDigraph, long long, long long>::OPTIMAL) {
		std::fprintf(stderr, "lemon-peer: no optimal solution\n");
		return 1;
	}
	std::printf("agent\ttask\tvalue\n");
	for (size_t i = 0; i < pa.size(); i++)
		if (ns.flow(arc[i]) > 0)
			std::printf("%s\t%s\t%lld\n", aname[pa[i]].c_str(), tname[pt[i]].c_str(), pv[i]);
	std::fprintf(stderr, "objective %lld\nseconds %.3f\n", -ns.totalCost<long long>(),
	    std::chrono::duration<double>(t1 - t0).count());
	return std::fflush(stdout) == 0 && !std::ferror(stdout) ? 0 : 1;
}
