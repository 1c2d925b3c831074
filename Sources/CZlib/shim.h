// zlib's inflate, for the archives a scan for secrets opens (Sources/Archives).
#include <zlib.h>
