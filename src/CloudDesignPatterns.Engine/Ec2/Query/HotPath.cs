using System.Runtime.CompilerServices;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>The code a 100,000-snapshot read runs per byte or per snapshot.</summary>
    internal static class HotPath
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (absent from netstandard2.0): compiled optimised at once, so a run's
        /// first pages do not go through the runtime's unoptimised and instrumented tiers first.
        /// </summary>
        public const MethodImplOptions Optimized = (MethodImplOptions)512;
    }
}
