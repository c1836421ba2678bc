#include "handlers/portal_pages.h"

#include <kainjow/mustache.hpp>

namespace handlers::portal_pages {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

const char* const kLayout = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} · SCIM provisioning</title>
<link rel="stylesheet" href="/orgs/{{org}}/portal/style.css"><script src="/orgs/{{org}}/portal/portal.js" defer></script>
</head><body>
<header><span class="brand">SCIM provisioning</span>{{#email}}
<form method="post" action="/orgs/{{org}}/portal/logout" class="signout"><input type="hidden" name="csrf" value="{{csrf}}">
<span>{{email}}</span> <button type="submit">Sign out</button></form>{{/email}}</header>
<main>{{{body}}}</main></body></html>
)";

const char* const kSignIn = R"(<h1>Sign in</h1>
{{#message}}<p class="error" role="alert">{{message}}</p>{{/message}}
<form method="post" action="/orgs/{{org}}/portal/login" class="signin">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>E-mail <input type="email" name="email" autocomplete="username" required></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>
)";

const char* const kApplications = R"(<h1>Applications</h1>
{{#new_token}}<section class="once"><h2>New token for {{app_name}}</h2>
<p>Copy it now: it is shown only this once.</p>
<p><code id="new-token" data-testid="new-token">{{value}}</code> <button type="button" data-copy="new-token">Copy</button></p></section>{{/new_token}}
{{#new_secret}}<section class="once"><h2>New client secret for {{app_name}}</h2>
<p>Copy it now: it is shown only this once.</p>
<p><code id="new-client-secret" data-testid="new-client-secret">{{value}}</code> <button type="button" data-copy="new-client-secret">Copy</button></p></section>{{/new_secret}}
<section><h2>Set-up</h2>
<table class="setup">
<tr><th>SCIM Base URL</th><td><code>{{base_url}}</code></td></tr>
<tr><th>Authentication</th><td><code>Bearer {scim_token}</code></td></tr>
<tr><th>Unique identifier</th><td><code>userName (email)</code></td></tr>
</table>
<h3>Okta</h3>
<ol><li>Create an application below and generate a token for it.</li>
<li>In Okta, open your app's Provisioning tab, Integration: SCIM connector base URL is the SCIM Base URL above, the unique identifier field for users is <code>userName</code>.</li>
<li>Authentication Mode: HTTP Header; paste the token as the Bearer token; Test Connector Configuration, then Save.</li></ol>
<h3>Microsoft Entra ID</h3>
<ol><li>In your enterprise application, Provisioning, set the mode to Automatic.</li>
<li>Tenant URL is the SCIM Base URL above; Secret Token is a token generated below.</li>
<li>With OAuth 2.0 client credentials instead: Token Endpoint <code>{{token_endpoint}}</code>, the application's client id and a client secret made below.</li>
<li>Test Connection, then Save.</li></ol>
</section>
<section><h2>Machine-to-machine applications</h2>
<form method="post" action="/orgs/{{org}}/portal/applications" class="create">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>Name <input name="name" required maxlength="200"></label> <button type="submit">Create application</button>
</form>
{{^applications}}<p>No applications yet.</p>{{/applications}}
{{#applications}}<article class="application" data-app-id="{{id}}">
<h3>{{name}}</h3>
<p class="meta">Created {{created}} · last used {{last_used}}</p>
<h4>Bearer tokens</h4>
<form method="post" action="/orgs/{{org}}/portal/applications/{{id}}/tokens">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>Expires in days (optional) <input name="expires_in_days" type="number" min="1" max="3650"></label>
<button type="submit">Generate token</button>
</form>
<table class="tokens"><tr><th>Token id</th><th>Created</th><th>Expires</th><th>Last used</th><th></th></tr>
{{#tokens}}<tr data-token-id="{{id}}"><td><code>{{id}}</code></td><td>{{created}}</td><td>{{expires}}</td><td>{{last_used}}</td>
<td><form method="post" action="/orgs/{{org}}/portal/applications/{{app_id}}/tokens/{{id}}/revoke"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Revoke</button></form></td></tr>
{{/tokens}}</table>
<h4>OAuth 2.0 client credentials</h4>
<p>Client id <code data-testid="client-id">{{id}}</code></p>
<form method="post" action="/orgs/{{org}}/portal/applications/{{id}}/secrets">
<input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">New client secret</button>
</form>
<table class="secrets"><tr><th>Secret id</th><th>Created</th><th>Last used</th><th></th></tr>
{{#secrets}}<tr data-secret-id="{{id}}"><td><code>{{id}}</code></td><td>{{created}}</td><td>{{last_used}}</td>
<td><form method="post" action="/orgs/{{org}}/portal/applications/{{app_id}}/secrets/{{id}}/revoke"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Revoke</button></form></td></tr>
{{/secrets}}</table>
</article>{{/applications}}
</section>
)";

const char* const kMessage = R"(<h1>{{title}}</h1>
<p>{{text}}</p>
<p><a href="/orgs/{{org}}/portal/applications">Applications</a></p>
)";

std::string page(const std::string& org_id, const std::string& title, const std::string& email,
                 const std::string& csrf, const std::string& body) {
    data layout;
    layout.set("org", org_id);
    layout.set("title", title);
    if (!email.empty()) layout.set("email", email);
    layout.set("csrf", csrf);
    layout.set("body", body);
    return mustache(kLayout).render(layout);
}

std::string or_never(const std::string& text) { return text.empty() ? "never" : text; }

}  // namespace

const char* const kStyle = R"(body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
header{display:flex;justify-content:space-between;align-items:center;padding:.6rem 1.5rem;background:#1f2937;color:#fff}
header form{margin:0}main{max-width:60rem;margin:1.5rem auto;padding:0 1.5rem}
section,article{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eceff2}
code{font:13px ui-monospace,monospace;background:#f0f2f4;padding:.1rem .3rem;border-radius:3px;word-break:break-all}
label{margin-right:.5rem}input{padding:.3rem}button{padding:.3rem .8rem;cursor:pointer}
.once{border-color:#2f855a;background:#f0fff4}.error{color:#b42318}.meta{color:#5b6470}
form.signin label{display:block;margin:.6rem 0}
)";

const char* const kScript = R"(document.querySelectorAll('[data-copy]').forEach(function (button) {
  button.addEventListener('click', function () {
    var text = document.getElementById(button.getAttribute('data-copy')).textContent;
    if (navigator.clipboard) navigator.clipboard.writeText(text);
  });
});
)";

std::string sign_in(const std::string& org_id, const std::string& csrf, const std::string& message) {
    data body;
    body.set("org", org_id);
    body.set("csrf", csrf);
    if (!message.empty()) body.set("message", message);
    return page(org_id, "Sign in", "", "", mustache(kSignIn).render(body));
}

std::string applications(const ApplicationsPage& page_data) {
    data body;
    body.set("org", page_data.org_id);
    body.set("csrf", page_data.csrf);
    body.set("base_url", page_data.base_url);
    body.set("token_endpoint", page_data.token_endpoint);
    auto shown = [](const Shown& what) {
        data value;
        value.set("app_name", what.app_name);
        value.set("value", what.value);
        return value;
    };
    if (page_data.new_token) body.set("new_token", shown(*page_data.new_token));
    if (page_data.new_secret) body.set("new_secret", shown(*page_data.new_secret));
    data apps = data::type::list;
    for (const auto& app : page_data.applications) {
        data entry;
        entry.set("id", app.id);
        entry.set("name", app.name);
        entry.set("created", app.created);
        entry.set("last_used", or_never(app.last_used));
        data tokens = data::type::list;
        for (const auto& token : page_data.tokens) {
            if (token.app_id != app.id || !token.revoked_at.empty()) continue;
            data row;
            row.set("id", token.id);
            row.set("app_id", app.id);
            row.set("created", token.created);
            row.set("expires", token.expires_at.empty() ? "never" : token.expires_at);
            row.set("last_used", or_never(token.last_used));
            tokens.push_back(row);
        }
        entry.set("tokens", tokens);
        data secrets = data::type::list;
        for (const auto& secret : page_data.secrets) {
            if (secret.app_id != app.id || !secret.revoked_at.empty()) continue;
            data row;
            row.set("id", secret.id);
            row.set("app_id", app.id);
            row.set("created", secret.created);
            row.set("last_used", or_never(secret.last_used));
            secrets.push_back(row);
        }
        entry.set("secrets", secrets);
        apps.push_back(entry);
    }
    body.set("applications", apps);
    return page(page_data.org_id, "Applications", page_data.email, page_data.csrf,
                mustache(kApplications).render(body));
}

std::string message(const std::string& org_id, const std::string& title, const std::string& text) {
    data body;
    body.set("org", org_id);
    body.set("title", title);
    body.set("text", text);
    return page(org_id, title, "", "", mustache(kMessage).render(body));
}

}  // namespace handlers::portal_pages
