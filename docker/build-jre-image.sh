#!/usr/bin/env bash
# Assembles a Java runtime base image from the local JDK, for machines that cannot pull from a
# registry: jlink a runtime, add the shared libraries (glibc and friends) that `ldd` names for it, a
# statically linked BusyBox as the POSIX shell and tools the Airbyte platform starts connectors with,
# a user `airbyte` (uid 1000, as the platform runs connectors), and `docker import` the result with
# PATH and JAVA_HOME set.
#
#   docker/build-jre-image.sh [image]        default image: jcdk/jre:17
#
# Environment: JAVA_HOME (the JDK to jlink from; default: the one `jlink` on PATH belongs to),
# JCDK_JRE_MODULES (comma-separated modules; default: what connectors built on jcdk use),
# JCDK_JRE_EXTRA_LIBS (more shared libraries by soname, for connectors' own native code),
# JCDK_JRE_BUSYBOX (a statically linked busybox binary; default: Debian's busybox-static, fetched
# with apt-get download).
# The connector images build on it with `-Plocal-jre` (Jib base `docker://jcdk/jre:17`).
set -euo pipefail

IMAGE="${1:-jcdk/jre:17}"
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"
fi
JLINK="$JAVA_HOME/bin/jlink"
[ -x "$JLINK" ] || { echo "build-jre-image: no jlink under JAVA_HOME=$JAVA_HOME; set JAVA_HOME to a JDK" >&2; exit 1; }
[ -d "$JAVA_HOME/jmods" ] || { echo "build-jre-image: $JAVA_HOME has no jmods/; install the full JDK (e.g. openjdk-17-jdk-headless)" >&2; exit 1; }

# java.sql/naming/security.* for JDBC drivers and TLS, java.management + jdk.management for JMX
# metrics, java.desktop because Jackson looks up java.beans annotations, jdk.unsupported for
# libraries that use sun.misc.Unsafe, jdk.crypto.ec for TLS with EC keys.
MODULES="${JCDK_JRE_MODULES:-java.base,java.logging,java.sql,java.naming,java.management,java.xml,java.desktop,java.net.http,java.security.jgss,java.security.sasl,java.instrument,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.localedata,jdk.zipfs,jdk.management,jdk.net,jdk.naming.dns}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
JRE_DIR=/opt/java/jre
mkdir -p "$ROOT/opt/java" "$ROOT/tmp" "$ROOT/etc"
chmod 1777 "$ROOT/tmp"

echo "build-jre-image: jlink from $JAVA_HOME ($MODULES)" >&2
"$JLINK" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --output "$ROOT$JRE_DIR"

# The default class data sharing archive (jlink leaves it out): saves a few hundred milliseconds at
# every JVM start, and connectors start a JVM per command.
"$ROOT$JRE_DIR/bin/java" -Xshare:dump >/dev/null

# Debian's JDK keeps cacerts as a symlink into /etc; make sure the image has a real trust store.
if [ ! -s "$ROOT$JRE_DIR/lib/security/cacerts" ] || [ -L "$ROOT$JRE_DIR/lib/security/cacerts" ]; then
  rm -f "$ROOT$JRE_DIR/lib/security/cacerts"
  cp -L "$JAVA_HOME/lib/security/cacerts" "$ROOT$JRE_DIR/lib/security/cacerts"
fi

# Every shared library the runtime links against, at the path the host's loader found it, plus
# the loader itself (named on the `ld-linux` line); libraries the JDK resolves by $ORIGIN are
# already inside the runtime.
libs="$(find "$ROOT$JRE_DIR" \( -name '*.so' -o -path '*/bin/*' \) -type f -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// { print $3 } /^[ \t]*\/.*ld-linux/ { print $1 }' | sort -u)"
# Native code in connector jars (RocksDB's JNI library, for one) needs the C++ runtime and the glibc
# compatibility stubs that the JDK itself no longer links against; add them by soname.
EXTRA_LIBS="${JCDK_JRE_EXTRA_LIBS:-libstdc++.so.6 libgcc_s.so.1 libpthread.so.0 librt.so.1 libdl.so.2 libm.so.6}"
for soname in $EXTRA_LIBS; do
  # No early `exit` in awk: ldconfig would die of SIGPIPE and pipefail would fail the script (141).
  path="$(ldconfig -p | awk -v n="$soname" '!found && $1 == n && /x86-64|x86_64|AArch64/ { print $NF; found = 1 }')"
  [ -n "$path" ] || { echo "build-jre-image: no $soname on this machine (JCDK_JRE_EXTRA_LIBS)" >&2; exit 1; }
  libs="$libs
$path"
done
libs="$(echo "$libs" | sort -u)"
for lib in $libs; do
  case "$lib" in "$ROOT"*) continue ;; esac
  mkdir -p "$ROOT$(dirname "$lib")"
  cp -L "$lib" "$ROOT$lib"
done
echo "build-jre-image: added $(echo "$libs" | wc -w) shared libraries" >&2

# The platform does not run an image's entrypoint: it runs `sh -c` with a script that evals
# "$AIRBYTE_ENTRYPOINT <command>" and uses cat, sleep and kill. BusyBox gives all of them in one
# statically linked binary (no library of its own to add), each tool a link to it.
BUSYBOX="${JCDK_JRE_BUSYBOX:-}"
if [ -z "$BUSYBOX" ]; then
  mkdir -p "$WORK/deb"
  if ! (cd "$WORK/deb" && apt-get download busybox-static >/dev/null 2>&1); then
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$WORK/deb" && apt-get download busybox-static >/dev/null 2>&1) || {
      echo "build-jre-image: cannot fetch busybox-static with apt-get download; set JCDK_JRE_BUSYBOX to a statically linked busybox" >&2
      exit 1
    }
  fi
  dpkg-deb -x "$WORK"/deb/busybox-static_*.deb "$WORK/busybox"
  BUSYBOX="$WORK/busybox/bin/busybox"
fi
if ldd "$BUSYBOX" >/dev/null 2>&1; then
  echo "build-jre-image: $BUSYBOX is dynamically linked; JCDK_JRE_BUSYBOX must be a statically linked busybox" >&2
  exit 1
fi
install -D -m 0755 "$BUSYBOX" "$ROOT/bin/busybox"
for applet in $("$ROOT/bin/busybox" --list-full); do
  if [ ! -e "$ROOT/$applet" ] && [ ! -L "$ROOT/$applet" ]; then
    mkdir -p "$ROOT/$(dirname "$applet")"
    ln -s /bin/busybox "$ROOT/$applet"
  fi
done
echo "build-jre-image: added BusyBox as /bin/sh and $("$ROOT/bin/busybox" --list | wc -l) more tools" >&2

# A minimal user database: the JVM looks up the current user for user.home and user.name, and the
# platform runs connectors as uid 1000 (jcdk's connector images declare that user).
printf 'root:x:0:0:root:/root:/bin/sh\nairbyte:x:1000:1000:airbyte:/home/airbyte:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$ROOT/etc/passwd"
printf 'root:x:0:\nairbyte:x:1000:\nnogroup:x:65534:\n' > "$ROOT/etc/group"
mkdir -p "$ROOT/root" "$ROOT/home/airbyte"
chown 1000:1000 "$ROOT/home/airbyte" 2>/dev/null || true

tar -C "$ROOT" -cf "$WORK/rootfs.tar" .
docker import \
  --change "ENV JAVA_HOME=$JRE_DIR" \
  --change "ENV PATH=$JRE_DIR/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV LANG=C.UTF-8" \
  --change 'CMD ["java", "-version"]' \
  "$WORK/rootfs.tar" "$IMAGE" >/dev/null

docker run --rm "$IMAGE" java -version 2>&1 | sed 's/^/build-jre-image: /' >&2
echo "build-jre-image: built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))" >&2
