# salesmgr: see README.md.  make; make check; make install.
PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANPREFIX = $(PREFIX)/share/man
CC = cc
CFLAGS = -O2 -g
LDFLAGS =
AR = ar
SM_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Ilib $(CFLAGS)

PROGS = \
	acct-add \
	acct-assign \
	acct-edit \
	acct-list \
	act-list \
	act-log \
	assign-solve \
	coach-done \
	coach-list \
	coach-note \
	comp-adjust \
	comp-calc \
	comp-plan \
	course-add \
	course-list \
	deal-add \
	deal-age \
	deal-cancel \
	deal-forecast \
	deal-list \
	deal-lost \
	deal-move \
	deal-reasons \
	deal-split \
	deal-sync \
	deal-won \
	forecast-call \
	perf-report \
	plan-list \
	plan-report \
	plan-set \
	quota-list \
	quota-set \
	quota-split \
	rep-add \
	rep-diagnose \
	rep-edit \
	rep-end \
	rep-list \
	rep-show \
	sales-check \
	sales-gen \
	sales-init \
	sales-log \
	team-add \
	team-edit \
	team-end \
	team-list \
	train-assign \
	train-done \
	train-onboard \
	train-status \
	train-unassign

# The reports composed of the programs through pipes (scripts/).
SCRIPTS = coach-prep sales-nightly

LIBOBJ = \
	lib/account.o \
	lib/acctassign.o \
	lib/activity.o \
	lib/actindex.o \
	lib/age.o \
	lib/assign.o \
	lib/audit.o \
	lib/buf.o \
	lib/caches.o \
	lib/call.o \
	lib/check.o \
	lib/cli.o \
	lib/coach.o \
	lib/comp.o \
	lib/compdef.o \
	lib/compsheet.o \
	lib/compstmt.o \
	lib/config.o \
	lib/coverage.o \
	lib/csv.o \
	lib/datadir.o \
	lib/date.o \
	lib/deal.o \
	lib/dealin.o \
	lib/dealindex.o \
	lib/dealset.o \
	lib/dealop.o \
	lib/dealsync.o \
	lib/decimal.o \
	lib/diagnose.o \
	lib/edit.o \
	lib/err.o \
	lib/fieldmap.o \
	lib/forecast.o \
	lib/history.o \
	lib/html.o \
	lib/ics.o \
	lib/id.o \
	lib/init.o \
	lib/input.o \
	lib/intern.o \
	lib/ledger.o \
	lib/ledgerstat.o \
	lib/list.o \
	lib/money.o \
	lib/newacct.o \
	lib/numfmt.o \
	lib/org.o \
	lib/out.o \
	lib/perf.o \
	lib/period.o \
	lib/pool.o \
	lib/quota.o \
	lib/rates.o \
	lib/rdbuf.o \
	lib/reason.o \
	lib/report.o \
	lib/roster.o \
	lib/scan.o \
	lib/schema.o \
	lib/scorecard.o \
	lib/seq.o \
	lib/simplex.o \
	lib/split.o \
	lib/stage.o \
	lib/stats.o \
	lib/store.o \
	lib/store_repair.o \
	lib/suggest.o \
	lib/table.o \
	lib/target.o \
	lib/trail.o \
	lib/training.o \
	lib/trainop.o \
	lib/tsv.o \
	lib/txn.o \
	lib/xalloc.o

UNITS = \
	tests/unit/test-account \
	tests/unit/test-acctassign \
	tests/unit/test-assign \
	tests/unit/test-comp \
	tests/unit/test-coverage \
	tests/unit/test-csv \
	tests/unit/test-date \
	tests/unit/test-dealindex \
	tests/unit/test-dealset \
	tests/unit/test-decimal \
	tests/unit/test-id \
	tests/unit/test-intern \
	tests/unit/test-money \
	tests/unit/test-org \
	tests/unit/test-out \
	tests/unit/test-period \
	tests/unit/test-quota \
	tests/unit/test-scan \
	tests/unit/test-split \
	tests/unit/test-stats \
	tests/unit/test-store \
	tests/unit/test-suggest \
	tests/unit/test-table \
	tests/unit/test-training \
	tests/unit/test-tsv \
	tests/unit/test-xalloc

BIN = $(PROGS:%=bin/%)
LIB = lib/libsalesmgr.a

all: $(BIN)

$(LIB): $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(LIBOBJ): lib/*.h

.SUFFIXES: .c .o
.c.o:
	$(CC) $(SM_CFLAGS) -c -o $@ $<

bin/%: cmd/%.c $(LIB)
	@mkdir -p bin
	$(CC) $(SM_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB)

tests/unit/%: tests/unit/%.c tests/unit/unit.h $(LIB)
	$(CC) $(SM_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB)

units: $(UNITS)

# SALESMGR_LDFLAGS: what a test that links with $(LIB) itself needs
# (scripts/bench-assign's peer: the sanitizers the library was built with).
check: all units
	@SALESMGR_LDFLAGS="$(LDFLAGS)" tests/run

test: check

# What the whole suite needs beyond a compiler and make (tests/deps), with
# apt-get; without it, make check skips what needs it.
test-deps:
	tests/install-deps

# The first thing a new user runs: built on every CPU unless make was given
# its own -j.
demo:
	@$(MAKE) --no-print-directory $(if $(filter -j%,$(MAKEFLAGS)),,-j$$(nproc 2>/dev/null || echo 2)) all
	@scripts/demo

BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
SHAREDIR = $(PREFIX)/share/salesmgr

# zsh's compinit finds _salesmgr in site-functions by its #compdef line and
# runs it on the first completion: it defines the bash completion's
# functions through bashcompinit, then completes.
install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
		$(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(MANPREFIX)/man7 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(SHAREDIR)/maps/samples
	cp $(BIN) $(SCRIPTS:%=scripts/%) $(DESTDIR)$(BINDIR)/
	cp share/maps/*.map $(DESTDIR)$(SHAREDIR)/maps/
	cp scripts/report.sh $(DESTDIR)$(SHAREDIR)/
	cp share/maps/samples/*.csv $(DESTDIR)$(SHAREDIR)/maps/samples/
	cp man/man1/*.1 $(DESTDIR)$(MANPREFIX)/man1/
	cp man/man5/*.5 $(DESTDIR)$(MANPREFIX)/man5/
	cp man/man7/*.7 $(DESTDIR)$(MANPREFIX)/man7/
	cp scripts/completion/salesmgr.bash $(DESTDIR)$(BASHCOMPDIR)/salesmgr
	for p in $(PROGS) $(SCRIPTS); do \
		ln -sf salesmgr $(DESTDIR)$(BASHCOMPDIR)/$$p; done
	{ echo '#compdef $(PROGS) $(SCRIPTS)'; \
	  echo '(( $$+functions[_bash_complete] )) || { autoload -U +X bashcompinit && bashcompinit; }'; \
	  cat scripts/completion/salesmgr.bash; \
	  echo '_bash_complete -F _salesmgr'; } >$(DESTDIR)$(ZSHCOMPDIR)/_salesmgr

uninstall:
	for p in $(PROGS) $(SCRIPTS); do rm -f $(DESTDIR)$(BINDIR)/$$p \
		$(DESTDIR)$(MANPREFIX)/man1/$$p.1 $(DESTDIR)$(BASHCOMPDIR)/$$p; done
	rm -f $(DESTDIR)$(MANPREFIX)/man5/salesmgr-files.5 \
		$(DESTDIR)$(MANPREFIX)/man7/salesmgr.7 \
		$(DESTDIR)$(BASHCOMPDIR)/salesmgr $(DESTDIR)$(ZSHCOMPDIR)/_salesmgr
	rm -rf $(DESTDIR)$(SHAREDIR)/maps $(DESTDIR)$(SHAREDIR)/report.sh
	-rmdir $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf bin $(LIB) lib/*.o $(UNITS) tests/fuzz/bin

.PHONY: all units check test test-deps demo install uninstall clean
