// Counts heap allocations per thread, for the test that the packet path does not allocate.
//
// The definitions below interpose glibc's allocator: the test executable's `malloc` comes before
// libc's in the dynamic symbol lookup, so the Swift runtime's and Foundation's allocations come
// here too. Each call bumps a thread-local counter and forwards to glibc's own entry points
// (`__libc_malloc` etc., exported for exactly this purpose), so nothing else changes. Counting
// per thread keeps tests that run in parallel on other threads out of the count.
#include "AllocationCounter.h"

#include <errno.h>  // (any libc header: it defines __GLIBC__ on glibc)
#include <stddef.h>

#if defined(__GLIBC__)

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

// initial-exec: reading the counter must never allocate (the general-dynamic TLS model may call
// malloc on a thread's first access, which would recurse into this file).
static __thread unsigned long long allocations __attribute__((tls_model("initial-exec")));

unsigned long long palisade_thread_allocation_count(void) { return allocations; }

int palisade_allocation_counting_available(void) { return 1; }

void *malloc(size_t size) {
    allocations++;
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    allocations++;
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    allocations++;
    return __libc_realloc(pointer, size);
}

void free(void *pointer) { __libc_free(pointer); }

void *memalign(size_t alignment, size_t size) {
    allocations++;
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    allocations++;
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    allocations++;
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL && size != 0) return ENOMEM;
    *result = pointer;
    return 0;
}

#else

// Elsewhere (no __libc_* entry points to forward to) nothing is interposed and the tests skip.
unsigned long long palisade_thread_allocation_count(void) { return 0; }

int palisade_allocation_counting_available(void) { return 0; }

#endif
