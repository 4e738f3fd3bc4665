using System;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>
    /// The limits that keep a bastion closed: one source address, a bounded duration, a real port. Pure and used at every
    /// step (request, approve, start), so a request whose tags were edited after the fact is refused as well.
    /// -Force never reaches here: only -AllowAnySource and -MaxDuration change what is allowed.
    /// </summary>
    public static class BastionRules
    {
        public static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromHours(8);

        /// <summary>Tag values hold at most 256 characters.</summary>
        public const int MaxReasonLength = 256;

        public static SourceAddress RequireSource(string? text, bool allowAnySource)
        {
            if (!SourceAddress.TryParse(text, out var source, out var problem))
                throw Invalid("InvalidSourceAddress", problem + ".");
            if (!source.IsSingleAddress && !allowAnySource)
                throw new PatternException("SourceNotSingleAddress", PatternErrorCategory.InvalidArgument,
                    $"A bastion opens to one address only; {source.Cidr} is {(source.IsAnySource ? "the whole internet" : "a range")}. " +
                    "Give the requester's own address (for example 203.0.113.7), or add -AllowAnySource if that is really meant.");
            return source;
        }

        public static int RequirePort(int port)
        {
            if (port < 1 || port > 65535) throw Invalid("InvalidPort", $"Port {port} is out of range: a TCP port is 1 to 65535.");
            return port;
        }

        public static TimeSpan RequireDuration(TimeSpan duration, TimeSpan max)
        {
            if (max <= TimeSpan.Zero) throw Invalid("InvalidMaxDuration", $"The maximum duration must be positive; {max} is not.");
            if (duration <= TimeSpan.Zero) throw Invalid("InvalidDuration", $"A bastion needs a positive duration; {duration} is not.");
            if (duration < TimeSpan.FromSeconds(1)) throw Invalid("InvalidDuration", $"A bastion needs at least one second; {duration} is less.");
            if (duration > max)
                throw new PatternException("DurationOverLimit", PatternErrorCategory.LimitsExceeded,
                    $"A duration of {duration} is over the limit of {max}. Ask for less, or raise the limit with -MaxDuration (-Force never does).");
            return duration;
        }

        public static string RequireReason(string? reason)
        {
            var text = (reason ?? "").Trim();
            if (text.Length == 0) throw Invalid("InvalidReason", "Say why the bastion is needed (-Reason): the approver reads it.");
            if (text.Length > MaxReasonLength) throw Invalid("InvalidReason", $"The reason is {text.Length} characters; a tag value holds at most {MaxReasonLength}.");
            return text;
        }

        public static string RequireRequestId(string? id)
        {
            try { return ResourceId.Require(ResourceKind.SecurityGroup, id, "RequestId"); }
            catch (ArgumentException e) { throw Invalid("InvalidRequestId", e.Message + "; a request id is its security group's id."); }
        }

        private static PatternException Invalid(string id, string message) => new PatternException(id, PatternErrorCategory.InvalidArgument, message);
    }
}
