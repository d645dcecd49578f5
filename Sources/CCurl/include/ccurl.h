// libcurl for the CLI's client and the data set downloader, resolved with dlopen/dlsym on the
// first transfer rather than linked: a service at rest never maps libcurl and its TLS, Kerberos
// and LDAP libraries (about 4 MB resident). <curl/curl.h> gives the types and option names only.
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: these typed
// wrappers are the only way the Swift side touches libcurl.
#pragma once
#include <curl/curl.h>

/// A new easy handle; NULL when libcurl did not load (mlplab_curl_error says why) or did not start.
CURL *mlplab_curl_init(void);
/// Why libcurl did not load ("" when it did).
const char *mlplab_curl_error(void);
void mlplab_curl_cleanup(CURL *c);
CURLcode mlplab_curl_perform(CURL *c);
const char *mlplab_curl_strerror(CURLcode code);
struct curl_slist *mlplab_curl_slist_append(struct curl_slist *list, const char *line);
void mlplab_curl_slist_free_all(struct curl_slist *list);

CURLcode mlplab_curl_set_string(CURL *c, CURLoption o, const char *v);
CURLcode mlplab_curl_set_long(CURL *c, CURLoption o, long v);
CURLcode mlplab_curl_set_pointer(CURL *c, CURLoption o, void *v);
typedef size_t (*mlplab_curl_write_fn)(char *data, size_t size, size_t count, void *user);
CURLcode mlplab_curl_set_write_function(CURL *c, mlplab_curl_write_fn f);
CURLcode mlplab_curl_set_headers(CURL *c, struct curl_slist *list);
/// The last response's HTTP status (0 before one).
long mlplab_curl_response_code(CURL *c);
