# Minimal Varnish 7.1 VCL for `make prod` and `make test-scale`: caches what the app marks cacheable
# (Cache-Control: public, s-maxage), passes sessions and private paths, pipes chat WebSockets and accepts
# PURGE from this machine (wagtail.contrib.frontend_cache's HTTP backend). The caching work's VCL
# (deploy/varnish/site.vcl) supersedes this file when merged.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8210";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-url-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.http.Upgrade ~ "(?i)websocket") {
        return (pipe);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|account|chat|search|verify-insurance|request-callback|documents)(/|\?|$)"
        || req.url ~ "^/(healthz|readyz)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_pipe {
    if (req.http.Upgrade) {
        set bereq.http.Upgrade = req.http.Upgrade;
        set bereq.http.Connection = req.http.Connection;
    }
}

sub vcl_backend_response {
    set beresp.http.x-url-path = regsub(bereq.url, "\?.*$", "");
    set beresp.grace = 30s;
}

sub vcl_deliver {
    unset resp.http.x-url-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
