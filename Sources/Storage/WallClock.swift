#if canImport(Glibc)
    import Glibc
#endif

/// The wall clock the store stamps sources, samples and retention with (ns since the epoch).
public enum WallClock {
    public static func nanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
