using System;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.GameDay
{
    /// <summary>What a DNS drill needs to know of a health check: that it exists, and how long Route 53's checkers take to
    /// call an endpoint unhealthy (RequestInterval × FailureThreshold).</summary>
    public static class DrillRoute53
    {
        public static async Task<TimeSpan> DetectionWindowAsync(Route53Session route53, string healthCheckId, CancellationToken cancel)
        {
            try
            {
                var check = await route53.CallAsync("GetHealthCheck", healthCheckId, true, (c, ct) => c.GetHealthCheckAsync(healthCheckId, ct), cancel).ConfigureAwait(false);
                return TimeSpan.FromSeconds((double)check.HealthCheckConfig.RequestInterval * check.HealthCheckConfig.FailureThreshold);
            }
            catch (PatternException missing) when (missing.Category == PatternErrorCategory.ObjectNotFound)
            {
                throw new PatternException("DrillResourceNotFound", PatternErrorCategory.ObjectNotFound, $"The drill names a health check that does not exist: {healthCheckId}.", inner: missing);
            }
        }
    }
}
