#!/usr/bin/env bash
# Time from `./jcdk generate <kind>` to a green `./mvnw verify` of the generated project, as a user
# runs them: one kind after another in each round, so every kind sees the same load. Prints each
# run, then min/median/max per kind. Needs the kit installed first (`./mvnw install -DskipTests`).
#
#   benchmarks/generate-to-green.sh            # 5 rounds of source, destination, http-source
#   ROUNDS=3 KINDS=source benchmarks/generate-to-green.sh
#   VERIFY_ARGS=-Pimages,local-jre benchmarks/generate-to-green.sh   # with the image and its suites (Docker)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-5}
kinds=${KINDS:-source destination http-source}
read -r -a verify_args <<<"${VERIFY_ARGS:-}"
work=$(mktemp -d "${TMPDIR:-/tmp}/jcdk-generate-to-green.XXXXXX")
echo "projects and logs in $work" >&2

# The launcher builds itself on first use: not part of what is measured.
./jcdk --version >/dev/null

for round in $(seq "$rounds"); do
  for kind in $kinds; do
    project="$work/$kind-$round"
    start=$(date +%s.%N)
    ./jcdk generate "$kind" --name bench --dir "$project" >"$project.generate.log" 2>&1 \
      || { echo "generate $kind failed: $project.generate.log" >&2; exit 1; }
    (cd "$project" && ./mvnw -B verify "${verify_args[@]}") >"$project.verify.log" 2>&1 \
      || { echo "verify of $kind (round $round) failed: $project.verify.log" >&2; exit 1; }
    end=$(date +%s.%N)
    tests=$(grep -Eo 'Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: [0-9]+$' "$project.verify.log" \
      | awk '{ run += $3; skipped += $9 } END { printf "%d tests, %d skipped", run, skipped }')
    awk -v k="$kind" -v r="$round" -v s="$start" -v e="$end" -v t="$tests" 'BEGIN { printf "%s\t%d\t%.1f\t%s\n", k, r, e - s, t }'
  done
done | tee "$work/times.tsv"

echo
printf 'kind\tmin s\tmedian s\tmax s\n'
for kind in $kinds; do
  awk -F'\t' -v k="$kind" '$1 == k { print $3 }' "$work/times.tsv" | sort -n \
    | awk -v k="$kind" '{ t[NR] = $1 } END {
        m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "%s\t%.1f\t%.1f\t%.1f\n", k, t[1], m, t[NR] }'
done
