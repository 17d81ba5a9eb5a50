import Metrics
import Prometheus
import Synchronization

extension SensorMetrics {
    /// Routes swift-metrics (`Counter(label:)`, `Timer(label:)` …) from any library in the process
    /// into this registry. `MetricsSystem` can be bootstrapped once per process, so only the first
    /// call in the process does it and returns true; later calls (a second sensor, a test run twice)
    /// return false and change nothing. Do not call it if something else bootstraps `MetricsSystem`.
    @discardableResult
    public func bootstrapMetricsSystem() -> Bool {
        Self.metricsSystemBootstrapped.withLock { done in
            guard !done else { return false }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            done = true
            return true
        }
    }
}
