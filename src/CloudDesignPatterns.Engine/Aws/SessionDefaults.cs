using System.Threading;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>
    /// Region, profile and endpoint set with Set-PatternDefault. One set per process: PowerShell runspaces
    /// in one process (ForEach-Object -Parallel) share it, as they share environment variables.
    /// </summary>
    public static class SessionDefaults
    {
        private static Snapshot current = new Snapshot(null, null, null);

        public static Snapshot Current => Volatile.Read(ref current);

        public static void Set(string? region, string? profileName, string? endpointUrl)
        {
            Snapshot old, updated;
            do
            {
                old = Current;
                updated = new Snapshot(region ?? old.Region, profileName ?? old.ProfileName, endpointUrl ?? old.EndpointUrl);
            } while (Interlocked.CompareExchange(ref current, updated, old) != old);
        }

        public static void Clear(bool region, bool profileName, bool endpointUrl)
        {
            Snapshot old, updated;
            do
            {
                old = Current;
                updated = new Snapshot(region ? null : old.Region, profileName ? null : old.ProfileName, endpointUrl ? null : old.EndpointUrl);
            } while (Interlocked.CompareExchange(ref current, updated, old) != old);
        }

        /// <summary>An immutable view, so a cmdlet resolves against one consistent set of defaults.</summary>
        public sealed class Snapshot
        {
            public Snapshot(string? region, string? profileName, string? endpointUrl)
            {
                Region = region; ProfileName = profileName; EndpointUrl = endpointUrl;
            }
            public string? Region { get; }
            public string? ProfileName { get; }
            public string? EndpointUrl { get; }
        }
    }
}
