using CloudDesignPatterns.Sandbox.Ec2;

namespace CloudDesignPatterns.Sandbox.Route53
{
    /// <summary>
    /// The hosted zones the sandbox starts with: example.com both public and private (the split-horizon case that
    /// makes a lookup by name ambiguous), and a private internal zone.
    /// </summary>
    public static class Route53Seed
    {
        public const string PublicZoneId = "Z0CDP000000PUBLIC1";
        public const string PublicZoneName = "example.com.";
        public const string PrivateZoneId = "Z0CDP00000PRIVATE1";
        public const string PrivateZoneName = "example.com.";
        public const string InternalZoneId = "Z0CDP0000INTERNAL1";
        public const string InternalZoneName = "corp.internal.";
        /// <summary>Hosted zone id of S3 website endpoints in ap-northeast-1 (an alias target for the static fallback).</summary>
        public const string S3WebsiteZoneId = "Z2M4EHUR26P7ZW";

        internal static void Apply(Route53State state)
        {
            state.AddZone(PublicZoneId, PublicZoneName, privateZone: false);
            state.AddZone(PrivateZoneId, PrivateZoneName, privateZone: true, SandboxSeed.Region, SandboxSeed.VpcId);
            state.AddZone(InternalZoneId, InternalZoneName, privateZone: true, SandboxSeed.Region, SandboxSeed.VpcId);
        }
    }
}
