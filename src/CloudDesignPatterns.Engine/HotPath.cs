using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace CloudDesignPatterns.Engine
{
    /// <summary>
    /// The code a 100,000-snapshot rotation runs per byte, per snapshot or per set: the read, the assembly into sets and
    /// the planning. In a process's first rotation the planning ran on unoptimised code (getters not inlined, dictionary
    /// probes over the group key compiled for the first time), because the runtime only swaps in optimised code some
    /// time after a method turns hot, and the whole planning is over by then.
    /// </summary>
    internal static class HotPath
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (absent from netstandard2.0): compiled optimised at once, so a run's
        /// first pages do not go through the runtime's unoptimised and instrumented tiers first. Small callees (getters,
        /// constructors) are inlined into such a method whatever their own tier.
        /// </summary>
        public const MethodImplOptions Optimized = (MethodImplOptions)512;

        private static int warmUpStarted;

        /// <summary>
        /// Compiles every <see cref="Optimized"/> method of the engine on a background thread, once per process. A read
        /// starts it before its first describe, so the compiling (fully optimised, hence slow: a quarter of a second of
        /// a fresh process's first rotation) overlaps the wait for EC2's first page instead of stalling its parse.
        /// </summary>
        public static void WarmUpInBackground()
        {
            if (Interlocked.Exchange(ref warmUpStarted, 1) != 0) return;
            Task.Run(() =>
            {
                // Only ever a head start: a type or method that cannot be loaded or prepared here compiles on its first call.
                try
                {
                    foreach (var type in typeof(HotPath).Assembly.GetTypes())
                    {
                        if (type.ContainsGenericParameters) continue;
                        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                        {
                            if ((method.MethodImplementationFlags & (MethodImplAttributes)Optimized) == 0 || method.ContainsGenericParameters) continue;
                            try { RuntimeHelpers.PrepareMethod(method.MethodHandle); }
                            catch (Exception) { }
                        }
                    }
                }
                catch (Exception) { }
            });
        }
    }
}
