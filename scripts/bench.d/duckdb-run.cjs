// duckdb-run.cjs MODULE THREADS SQLFILE: run the statements of SQLFILE in an
// in-memory DuckDB (the npm package @duckdb/node-api, installed at MODULE by
// `scripts/bench --peers`) with SET threads=THREADS, and print the rows of
// the last statement as TSV without a header (NULL as an empty field).
// scripts/bench times this whole process, node's start-up included.
'use strict';
const fs = require('fs');

async function main() {
	const [modulePath, threads, sqlFile] = process.argv.slice(2);
	if (!modulePath || !/^[1-9][0-9]*$/.test(threads || '') || !sqlFile) {
		process.stderr.write('usage: node duckdb-run.cjs MODULE THREADS SQLFILE\n');
		process.exit(2);
	}
	const duckdb = require(modulePath);
	const instance = await duckdb.DuckDBInstance.create(':memory:', { threads });
	const conn = await instance.connect();
	const extracted = await conn.extractStatements(fs.readFileSync(sqlFile, 'utf8'));
	let reader = null;
	for (let i = 0; i < extracted.count; i++) {
		const prepared = await extracted.prepare(i);
		reader = await prepared.runAndReadAll();
	}
	if (reader === null)
		return;
	const out = [];
	for (const row of reader.getRows())
		out.push(row.map((v) => (v === null ? '' : String(v))).join('\t'));
	if (out.length > 0)
		process.stdout.write(out.join('\n') + '\n');
}

main().catch((e) => {
	process.stderr.write(`duckdb-run: ${e.message}\n`);
	process.exit(1);
});
