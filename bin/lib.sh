# Shared shell functions for ./vic and the bin/ launchers. Sourced, not run.

VIC_ROOT=${VIC_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
# Where ./vic keeps the embedded endpoint's state and the VCHs' certificates.
VIC_HOME=${VIC_HOME:-$HOME/.vic}

# Debian packages the build, the embedded endpoint and the tests need.
VIC_PACKAGES=(qemu-system-x86 qemu-utils busybox-static xorriso genext2fs e2fsprogs
  cpio lz4 zstd docker-registry python3-docker apache2-utils curl openssl skopeo)

vic_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
    echo "$JAVA_HOME"; return
  fi
  local d
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -x "$d/bin/javac" ] && "$d/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
      echo "$d"; return
    fi
  done
  echo "vic: a JDK 25 or newer is needed (looked in JAVA_HOME and /usr/lib/jvm)" >&2
  return 1
}

vic_setup() {
  local missing=() p
  for p in "${VIC_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "vic: installing Debian packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
  JAVA_HOME=$(vic_java_home)
  export JAVA_HOME
}

vic_mvn() {
  (cd "$VIC_ROOT" && ./mvnw -B -ntp "$@")
}

vic_build() {
  vic_mvn -q -DskipTests install
}

vic_test() {
  vic_mvn install "$@"
}

vic_bench() {
  local f="$VIC_ROOT/bin/bench.sh"
  if [ ! -x "$f" ]; then echo "vic: no benchmarks yet" >&2; return 1; fi
  "$f" "$@"
}

vic_up() {
  local f="$VIC_ROOT/bin/vch-up.sh"
  if [ ! -x "$f" ]; then
    echo "vic: 'up' needs vic-machine and the embedded endpoint, which are not built yet in this version" >&2
    return 1
  fi
  "$f" "$@"
}

vic_env() {
  local f="$VIC_ROOT/bin/vch-env.sh"
  if [ ! -x "$f" ]; then echo "vic: 'env' is not available in this version" >&2; return 1; fi
  "$f" "$@"
}

vic_down() {
  local f="$VIC_ROOT/bin/vch-down.sh"
  if [ ! -x "$f" ]; then echo "vic: 'down' is not available in this version" >&2; return 1; fi
  "$f" "$@"
}
