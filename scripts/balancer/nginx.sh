#!/usr/bin/env bash
# Runs Debian's nginx in the foreground as a round-robin load balancer on 127.0.0.1:PORT in front
# of the given upstream addresses, with its files (configuration, logs, temporary bodies) in DIR.
# The access log names the instance that served each request (end2end/balanced/ reads it).
#   scripts/balancer/nginx.sh PORT DIR HOST:PORT [HOST:PORT...]
set -euo pipefail
port=$1; dir=$2; shift 2
rm -rf "$dir" && mkdir -p "$dir/logs"
servers=""
for upstream in "$@"; do servers+="    server $upstream max_fails=0;"$'\n'; done
# Workers of a master started by root would run as nobody and could not write under $dir.
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;"
cat > "$dir/nginx.conf" <<CONF
$user_line
worker_processes 1;
error_log $dir/logs/error.log warn;
pid $dir/nginx.pid;
events { worker_connections 1024; }
http {
  log_format upstreams '\$upstream_addr \$request_method \$status \$uri';
  access_log $dir/logs/access.log upstreams;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  client_max_body_size 64m;
  upstream stms {
$servers    keepalive 16;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://stms;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream off;
    }
  }
}
CONF
exec /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;'
