#ifndef PALISADE_PREFETCH_H
#define PALISADE_PREFETCH_H

/* A read prefetch hint: Swift has no spelling for it. Header-only, inlined where it is used. */
static inline __attribute__((always_inline)) void palisade_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
