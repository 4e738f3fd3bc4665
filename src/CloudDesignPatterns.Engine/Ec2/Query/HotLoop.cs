using System.Runtime.CompilerServices;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// <c>[MethodImpl(HotLoop.Optimized)]</c> marks the few loops a 100,000-snapshot rotation runs per byte or per
    /// snapshot on its first (and usually only) run in a process. Without it the runtime's tiered JIT starts them as
    /// unoptimised tier-0 code and promotes them only after its call-counting delay, while PowerShell keeps the two
    /// cores busy compiling its own code: the module's share of the rotation went from about 0.7 s to 1.5–1.8 s
    /// (target ≤ 1 s). A library loaded into pwsh cannot set <c>TieredCompilation</c>/<c>TieredPGO</c> (they are the
    /// host's runtimeconfig settings), so the hint goes on the methods. See docs/performance.md for the figures and
    /// the list of methods that carry it; put it on no other method without a measurement.
    /// Six small helpers those methods call per snapshot carry the standard <c>AggressiveInlining</c> instead, so the
    /// optimised callers take them in rather than calling them through the runtime's instrumented tier (same page).
    /// </summary>
    internal static class HotLoop
    {
        /// <summary>MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name: compiled optimised at once.</summary>
        public const MethodImplOptions Optimized = (MethodImplOptions)512;
    }
}
