using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>Profile names in the shared config and credentials files (for completion and error messages).</summary>
    public static class ProfileNames
    {
        public static IReadOnlyList<string> List()
            => CredentialResolver.ProfileStore.ListProfiles().Select(p => p.Name).Distinct().OrderBy(n => n).ToList();
    }
}
