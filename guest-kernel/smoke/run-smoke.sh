#!/bin/sh
# run-smoke.sh KERNEL BUILDDIR: for each smoke/NAME.s, build a static i386 program, pack it as
# /init in a cpio newc initramfs, boot it under qemu-system-i386 and compare the serial output
# with smoke/NAME.expected (exact) or smoke/NAME.patterns (lines that must appear), and the
# exit status with smoke/NAME.status (qemu's: isa-debug-exit v -> (v << 1) | 1).
# With TRAPGATE_JAR=path/to/trapgate.jar the same images boot under trapgate (where status 0
# exits 0 through the power-off port); NAME.qemu's options (e.g. -cpu pentium) go to both VMs.
# Optional: NAME.cmdline (default "quiet"), NAME.files (a script adding files to the root),
# NAME.stdin (what the serial console receives), NAME.qemu (more qemu options, e.g. -cpu).
# With SMOKE_BUILD_ONLY=1 it only builds BUILDDIR/NAME.cpio (the JUnit suite boots them itself).
set -u
kernel=$1; build=$2
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${SMOKE_BUILD_ONLY:-}" ]; then :
elif [ -n "${TRAPGATE_JAR:-}" ]; then			# boot under trapgate instead of QEMU
  [ -f "$TRAPGATE_JAR" ] || { echo "run-smoke: no $TRAPGATE_JAR" >&2; exit 2; }
else
  command -v qemu-system-i386 >/dev/null || { echo "run-smoke: qemu-system-i386 is required" >&2; exit 2; }
fi
command -v cpio >/dev/null || { echo "run-smoke: cpio is required" >&2; exit 2; }
mkdir -p "$build"
fail=0
for src in "$here"/*.s "$here"/*.c; do
  name=$(basename "$src"); name=${name%.?}
  root="$build/$name.root"; rm -rf "$root" "$build/$name.cpio"; mkdir -p "$root"
  case $src in
  *.s) as --32 -I "$here" -I "$here/../include/generated" -o "$build/$name.o" "$src" &&
       ld -m elf_i386 -static -o "$root/init" "$build/$name.o" || { echo "FAIL $name: build"; fail=1; continue; } ;;
  *.c) # a real static glibc program: needs gcc-multilib / libc6-dev-i386
       gcc -m32 -static -O2 -o "$root/init" "$src" || { echo "FAIL $name: build (gcc -m32 -static)"; fail=1; continue; } ;;
  esac
  if [ -f "$here/$name.files" ] && ! (cd "$here" && sh "$here/$name.files" "$root"); then
    echo "FAIL $name: $name.files"; fail=1; continue
  fi
  (cd "$root" && find . | sort | cpio -o -H newc --quiet) > "$build/$name.cpio"
  [ -n "${SMOKE_BUILD_ONLY:-}" ] && { echo "built $name"; continue; }
  input=/dev/null; [ -f "$here/$name.stdin" ] && input="$here/$name.stdin"
  args="quiet"; [ -f "$here/$name.cmdline" ] && args=$(cat "$here/$name.cmdline")
  qemu_args=""; [ -f "$here/$name.qemu" ] && qemu_args=$(cat "$here/$name.qemu")
  want=$(cat "$here/$name.status")
  if [ -n "${TRAPGATE_JAR:-}" ]; then
    [ "$want" = 1 ] && want=0			# trapgate honours the 0xB004 power-off
    timeout 120 java -jar "$TRAPGATE_JAR" $qemu_args -kernel "$kernel" -initrd "$build/$name.cpio" \
      -append "$args" -no-reboot -serial stdio -device isa-debug-exit,iobase=0xf4,iosize=4 \
      < "$input" > "$build/$name.out" 2>"$build/$name.err"
  else
    timeout 30 qemu-system-i386 $qemu_args -kernel "$kernel" -initrd "$build/$name.cpio" -append "$args" \
      -display none -no-reboot -serial stdio -monitor none \
      -device isa-debug-exit,iobase=0xf4,iosize=4 < "$input" > "$build/$name.out" 2>"$build/$name.err"
  fi
  status=$?
  if [ -f "$here/$name.expected" ] && ! cmp -s "$build/$name.out" "$here/$name.expected"; then
    echo "FAIL $name: output differs"; diff "$here/$name.expected" "$build/$name.out" | head -20; fail=1
  elif [ -f "$here/$name.patterns" ] && ! grep -v '^#' "$here/$name.patterns" | while IFS= read -r line; do
         grep -qF -- "$line" "$build/$name.out" || { echo "FAIL $name: missing: $line"; exit 1; }; done; then
    fail=1
  elif [ "$status" != "$want" ]; then
    echo "FAIL $name: exit status $status, expected $want"; fail=1
  else
    echo "ok   $name"
  fi
done
exit $fail
