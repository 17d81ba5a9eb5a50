#include <sqlite3.h>

/* sqlite3_config is variadic, so Swift cannot call it: these wrap the two settings Palisade makes
   once per process, before SQLite initialises (afterwards they return SQLITE_MISUSE and change
   nothing). Multi-thread mode drops the per-connection mutex, which GRDB makes redundant (it never
   uses one connection from two threads at once); without memory statistics SQLite's allocator
   takes no global mutex on every malloc and free. */
static inline int palisade_sqlite_use_multithread_mode(void) {
    return sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}

static inline int palisade_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
