#!/bin/sh
# Start Varnish with site.vcl in front of one backend. Extra arguments go to varnishd (e.g. -F to stay in
# the foreground under honcho or systemd).
#   VARNISH_LISTEN   address:port Varnish listens on              (default 127.0.0.1:6081)
#   VARNISH_BACKEND  host:port of the app server or load balancer (default 127.0.0.1:8000)
#   VARNISH_WORKDIR  varnishd's working directory (-n)            (default /tmp/harborlight-varnish)
#   VARNISH_STORAGE  cache storage                                (default malloc,256m)
#   VARNISH_ADMIN    management address for varnishadm, or none   (default none)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
listen=${VARNISH_LISTEN:-127.0.0.1:6081}
backend=${VARNISH_BACKEND:-127.0.0.1:8000}
workdir=${VARNISH_WORKDIR:-/tmp/harborlight-varnish}
case "$backend" in
  *:*) backend_host=${backend%:*}; backend_port=${backend##*:} ;;
  *) echo "VARNISH_BACKEND must be host:port, not '$backend'" >&2; exit 2 ;;
esac
mkdir -p "$workdir"
# varnishd cannot combine -b with a VCL file, so the backend is rendered into a file site.vcl includes.
cat > "$workdir/backend.vcl" <<VCL
vcl 4.1;
backend default {
    .host = "$backend_host";
    .port = "$backend_port";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}
VCL
# varnishd compiles the VCL as its own unprivileged user, which may not read the checkout (a clone in a
# private temporary folder, a home directory): it gets a copy beside the backend file.
cp "$here/site.vcl" "$workdir/site.vcl"
chmod 755 "$workdir"
chmod 644 "$workdir/site.vcl" "$workdir/backend.vcl"
exec varnishd -n "$workdir" -a "$listen" -f "$workdir/site.vcl" -p vcl_path="$workdir" \
  -s "${VARNISH_STORAGE:-malloc,256m}" -T "${VARNISH_ADMIN:-none}" "$@"
