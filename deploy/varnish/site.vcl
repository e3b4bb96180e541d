# Varnish in front of the Harbor Light site (Varnish 7.1, Debian's package). Start it with run-varnish.sh,
# which writes backend.vcl (the app server or load balancer to fetch from) and then runs varnishd.
#
# What is cached: anonymous GET/HEAD of public pages, for as long as the app's `s-maxage` says; the app
# marks everything else `private, no-store` (or sets a cookie), which Varnish never stores.
# What always goes to the app: /admin/, /chat/, search, the confidential forms (also under /es/), other methods (POST),
# and any request carrying the session cookie (signed-in editors, who get the Wagtail userbar).
# Purging: wagtail.contrib.frontend_cache sends `PURGE /path` from the app server; that drops every
# cached variant of the path (any host, any query string). `BAN` with an `X-Ban-Path` regex header
# drops many paths at once (`X-Ban-Path: .` drops everything). Both only from the `purgers` ACL.
vcl 4.1;

include "backend.vcl";

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
    if (req.method == "BAN") {
        if (client.ip !~ purgers || !req.http.X-Ban-Path) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-url-path ~ " + req.http.X-Ban-Path);
        return (synth(200, "Banned"));
    }
    if (req.http.Upgrade ~ "(?i)websocket") {
        return (pipe);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Keep in step with PAGE_CACHE_EXCLUDED_PATHS in treatment_site/settings/base.py.
    if (req.url ~ "^/(es/)?(admin|account|chat|search|verify-insurance|request-callback|documents)(/|\?|$)"
        || req.url ~ "^/(healthz|readyz)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Nothing else in a cookie changes a public page (the chat cookie is scoped to /chat/ or /es/chat/).
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
    # Stored on the object so a PURGE or BAN matches every query-string variant (and the ban lurker can work).
    set beresp.http.x-url-path = regsub(bereq.url, "\?.*$", "");
    # When a page's s-maxage runs out, one visitor waits for the refresh while the others get the old copy
    # for a moment. A purge removes a page at once, grace or not.
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
