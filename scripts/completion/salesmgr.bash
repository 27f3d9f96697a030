# bash completion for the salesmgr programs.  Installed by `make install`
# into $(PREFIX)/share/bash-completion/completions, with a link per program
# name for bash-completion's loader on demand; source it by hand with
#   . scripts/completion/salesmgr.bash
# zsh runs the same functions through its bashcompinit: `make install` also
# writes them into $(PREFIX)/share/zsh/site-functions/_salesmgr, for compinit.
# Options come from each program's --help; ids (reps, teams, courses, deals,
# accounts, plans) from the programs' own TSV output, so they follow the
# data directory in $SALESMGR_DIR or given with -D.

_salesmgr_ids() {	# _salesmgr_ids KIND [DATADIR-OPTION...]
	local kind=$1
	shift
	case $kind in
	rep) rep-list --all --no-header -o tsv "$@" 2>/dev/null | cut -f1 ;;
	team) team-list --no-header -o tsv "$@" 2>/dev/null | cut -f1 ;;
	course) course-list --no-header -o tsv "$@" 2>/dev/null | cut -f1 ;;
	deal) deal-list --no-header -o tsv "$@" 2>/dev/null | cut -f1 ;;
	account) acct-list --no-header -o tsv "$@" 2>/dev/null | cut -f1 ;;
	plan) comp-plan --list --no-header -o tsv "$@" 2>/dev/null | cut -f1 ;;
	note) coach-list --no-header -o tsv "$@" 2>/dev/null | cut -f1 ;;
	esac
}

_salesmgr() {
	local cur prev prog dopt=() i kind=
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	prog=${COMP_WORDS[0]##*/}
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-D) dopt=(-D "${COMP_WORDS[i+1]}") ;;
		--data-dir=*) dopt=("${COMP_WORDS[i]}") ;;
		esac
	done
	case $prev in
	--rep|--manager|--owner|--hand-over) kind=rep ;;
	--team|--parent) kind=team ;;
	--course) kind=course ;;
	--account|--explain) kind=account ;;
	--plan|--show) kind=plan ;;
	--deal) kind=deal ;;
	-D|--data-dir|--from|--capacity|--map)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-o|--format)
		case $prog in
		sales-nightly) COMPREPLY=($(compgen -W "text html mail" -- "$cur")) ;;
		coach-prep) COMPREPLY=($(compgen -W "text html" -- "$cur")) ;;
		coach-list|train-status)
			COMPREPLY=($(compgen -W "table wide tsv csv json html ics" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "table wide tsv csv json html" -- "$cur")) ;;
		esac
		return ;;
	--color)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		return ;;
	esac
	if [ -z "$kind" ] && [[ $cur != -* ]]; then
		# The first operand of most programs is an id of the thing they act on.
		case $prog in
		rep-*|train-onboard|coach-note|coach-prep|rep-diagnose|comp-adjust) kind=rep ;;
		# COURSE REP...: a course first, then reps.
		train-assign|train-unassign)
			if [ "$COMP_CWORD" -eq 1 ]; then kind=course; else kind=rep; fi ;;
		team-*) kind=team ;;
		course-*) kind=course ;;
		deal-move|deal-split|deal-won|deal-lost|deal-cancel) kind=deal ;;
		acct-edit) kind=account ;;
		coach-done) kind=note ;;
		esac
	fi
	if [ -n "$kind" ]; then
		COMPREPLY=($(compgen -W "$(_salesmgr_ids "$kind" "${dopt[@]}")" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -W "$("$prog" --help 2>/dev/null |
	    grep -o -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
}

complete -F _salesmgr act-list act-log acct-add acct-assign acct-edit acct-list assign-solve \
	coach-done coach-list coach-note coach-prep comp-adjust comp-calc comp-plan course-add course-list \
	deal-add deal-age deal-cancel deal-forecast deal-list deal-lost deal-move \
	deal-reasons deal-split deal-sync deal-won forecast-call \
	perf-report plan-list plan-report plan-set quota-list quota-set quota-split \
	rep-add rep-diagnose rep-edit rep-end rep-list rep-show sales-check sales-gen \
	sales-init sales-log sales-nightly team-add team-edit team-end team-list train-assign \
	train-done train-onboard train-status train-unassign
