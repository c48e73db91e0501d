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
# syncs; DIR/national: the national office's repository, with each province added as a
# remote and fetched. Needs git and dabir (set DABIR=/path/to/dabir if it is not on PATH).
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

province ESF "اصفهان"
province KHR "خراسان رضوی"
province YZD "یزد"

mkdir "$dir/national"
git -C "$dir/national" init -q -b main
for code in ESF KHR YZD; do
  "$dabir" -C "$dir/national" national add "$code" "$dir/provinces/$code.git" 2>/dev/null
done
"$dabir" -C "$dir/national" national fetch >/dev/null
echo "ready: dabir -C $dir/national national brief --as-of 1404-09-15"
