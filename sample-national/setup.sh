#!/usr/bin/env bash
# A national office and three provinces, made from sample-province, to try
# `dabir national` and `dabir sync` in one command:
#
#   sample-national/setup.sh [DIR]        (default DIR: ./national-demo)
#   dabir -C DIR/national national brief --as-of 1404-09-15
#
# DIR/provinces/{ESF,KHR,YZD}: three provincial repositories (KHR and YZD are
# sample-province with its ids and province name rewritten); DIR/hub.git: a bare
# repository standing for the national office's git server, to which each province
# syncs; DIR/national: the national office's repository (`dabir init --national`: the
# national council and working group, the national bodies, the annual programme
# NAT-PG-1404 with the axes of seed 004), with each province added as a remote and
# fetched. Each province adopts the programme and records its progress on some axes:
# ESF for 1404-Q1 and 1404-Q2, KHR for 1404-Q1 only (so `national brief` names it among
# the provinces that did not report for 1404-Q2), YZD not at all.
# Needs git and dabir (set DABIR=/path/to/dabir if it is not on PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sample="$here/../sample-province"
dir=${1:-national-demo}
dabir=${DABIR:-dabir}
if [ -e "$dir" ]; then
  echo "$dir exists; give another directory or remove it" >&2
  exit 2
fi
mkdir -p "$dir/provinces"
dir=$(cd "$dir" && pwd)
export GIT_AUTHOR_NAME="دبیرخانه" GIT_AUTHOR_EMAIL="secretariat@example.ir"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="2025-12-06T09:30:00+03:30" GIT_COMMITTER_DATE="2025-12-06T09:30:00+03:30"

province() { # CODE NAME
  local code=$1 name=$2 p="$dir/provinces/$1"
  cp -R "$sample" "$p"
  if [ "$code" != ESF ]; then
    find "$p" -type f -name '*ESF*' | while read -r f; do
      mv "$f" "$(dirname "$f")/$(basename "$f" | sed "s/ESF/$code/g")"
    done
    find "$p" -type f -exec sed -i "s/ESF/$code/g; s/اصفهان/$name/g" {} +
  fi
  git -C "$p" init -q -b main
  git -C "$p" add -A
  git -C "$p" commit -q -m "سوابق استان $name"
  git -C "$p" remote add origin "$dir/provinces/$code.git"
  git init -q --bare -b main "$dir/provinces/$code.git"
  "$dabir" -C "$p" sync --quiet >/dev/null
}

# The national office first: the provinces adopt its programme.
mkdir "$dir/national"
"$dabir" -C "$dir/national" init --national --year 1404 --quiet

province ESF "اصفهان"
province KHR "خراسان رضوی"
province YZD "یزد"

progress() { # CODE AXIS SEASON VALUE [NOTE]
  local p="$dir/provinces/$1"
  "$dabir" -C "$p" programme progress "$2" --season "$3" --value "$4" ${5:+--note "$5"} --quiet >/dev/null
}
for code in ESF KHR YZD; do
  "$dabir" -C "$dir/provinces/$code" programme adopt "$dir/national" --programme NAT-PG-1404 --quiet >/dev/null
done
# Axis 1: credit raised for the estates' electricity (rials); 6: allotted land settled
# (plots); 9: exhibition pavilions held; 13: workshop units built.
progress ESF 1 1404-Q1 800000000000
progress ESF 1 1404-Q2 1900000000000
progress ESF 6 1404-Q1 12
progress ESF 6 1404-Q2 31
progress ESF 9 1404-Q2 2
progress KHR 1 1404-Q1 450000000000
progress KHR 13 1404-Q1 40
for code in ESF KHR YZD; do
  "$dabir" -C "$dir/provinces/$code" sync --quiet >/dev/null
done

for code in ESF KHR YZD; do
  "$dabir" -C "$dir/national" national add "$code" "$dir/provinces/$code.git" 2>/dev/null
done
"$dabir" -C "$dir/national" national fetch >/dev/null
echo "ready: dabir -C $dir/national national brief --as-of 1404-09-15"
