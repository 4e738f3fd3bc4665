using System;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Firewall;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Engine.OnDemandIngress
{
    /// <summary>
    /// A checked request for one time-limited ingress rule. Every rule that keeps people out is enforced here, before
    /// any call: a valid group id, port and CIDR; no open-world source without AllowAnySource; a duration above zero
    /// and at most the cap (Force never lifts it).
    /// </summary>
    public sealed class GrantRequest
    {
        /// <summary>The longest grant: 8 hours, as the bastion's default cap.</summary>
        public static readonly TimeSpan MaximumDuration = TimeSpan.FromHours(8);

        private static readonly Regex UnsafeTagCharacters = new Regex("[^0-9a-zA-Z_+=.@-]", RegexOptions.CultureInvariant);

        private GrantRequest(string groupId, string protocol, int port, Cidr cidr, TimeSpan duration, string? grantee)
        {
            SecurityGroupId = groupId; Protocol = protocol; Port = port; Cidr = cidr; Duration = duration; Grantee = grantee;
        }

        public string SecurityGroupId { get; }
        public string Protocol { get; }
        public int Port { get; }
        public Cidr Cidr { get; }
        public TimeSpan Duration { get; }
        /// <summary>
        /// Who the grant is for, reduced to the characters a cdp: tag may hold; null until the service asks STS who the
        /// caller is (no -Grantee given).
        /// </summary>
        public string? Grantee { get; }

        /// <summary>The same request for a grantee resolved later (the caller as STS names them).</summary>
        public GrantRequest WithGrantee(string grantee) =>
            new GrantRequest(SecurityGroupId, Protocol, Port, Cidr, Duration, CheckGrantee(grantee));

        /// <summary>
        /// The person behind an ARN: the user name of an IAM user, the session name of an assumed role (what SSO and most
        /// federations set to the person), the account for the root user.
        /// </summary>
        public static string GranteeFromArn(string arn)
        {
            var slash = arn.LastIndexOf('/');
            if (slash >= 0 && slash < arn.Length - 1) return arn.Substring(slash + 1);
            var parts = arn.Split(':');
            return parts.Length > 4 && parts[4].Length > 0 ? parts[4] : arn;
        }

        public RuleSpec Rule => new RuleSpec(Protocol, Port, Port, Cidr.IsIpv6 ? SourceKind.Ipv6Cidr : SourceKind.Ipv4Cidr, Cidr.Text);

        public static GrantRequest Create(string securityGroupId, int port, string protocol, string cidr, TimeSpan duration, string? grantee, bool allowAnySource)
        {
            var group = Check("InvalidSecurityGroupId", () => ResourceId.Require(ResourceKind.SecurityGroup, securityGroupId, "SecurityGroupId"));
            var proto = Check("InvalidProtocol", () => RuleSpec.NormalizeProtocol(protocol ?? "tcp"));
            if (proto != "tcp" && proto != "udp") throw Invalid("InvalidProtocol", $"An on-demand grant opens one tcp or udp port, not '{protocol}'.");
            if (port < 1 || port > 65535) throw Invalid("PortOutOfRange", $"Port {port} is out of range (1-65535).");
            var block = Check("InvalidCidr", () => Cidr.Parse(cidr));
            if (block.IsAnySource && !allowAnySource)
                throw Invalid("AnySourceRefused", $"{block.Text} opens port {port} to the whole internet: give -AllowAnySource if that is really meant (-Force does not).");
            if (duration <= TimeSpan.Zero) throw Invalid("DurationNotPositive", $"The duration must be above zero (got {duration}).");
            if (duration > MaximumDuration)
                throw Invalid("DurationOverCap", $"The duration {duration} is over the cap of {MaximumDuration.TotalHours} hours; -Force does not lift it.");
            return new GrantRequest(group, proto, port, block, duration, grantee == null ? null : CheckGrantee(grantee));
        }

        private static string CheckGrantee(string grantee)
        {
            var who = UnsafeTagCharacters.Replace(grantee, "_");
            if (who.Length == 0) throw Invalid("InvalidGrantee", "The grantee is empty.");
            return who.Length > 64 ? who.Substring(0, 64) : who;
        }

        private static T Check<T>(string errorId, Func<T> parse)
        {
            try { return parse(); }
            catch (ArgumentException e) { throw Invalid(errorId, e.Message); }
        }

        private static PatternException Invalid(string id, string message) => new PatternException(id, PatternErrorCategory.InvalidArgument, message);
    }
}
