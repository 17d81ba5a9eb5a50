#ifndef PALISADE_ALLOCATION_COUNTER_H
#define PALISADE_ALLOCATION_COUNTER_H

/// Heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign) made by
/// the calling thread since it started. Linking this target into a binary interposes those
/// functions for the whole process; each call is counted, then forwarded to glibc.
unsigned long long palisade_thread_allocation_count(void);

/// 1 where the counter works (glibc), 0 elsewhere.
int palisade_allocation_counting_available(void);

#endif
