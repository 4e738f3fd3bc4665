using System;
using System.Text.RegularExpressions;

namespace CloudDesignPatterns.Engine.Errors
{
    /// <summary>Pure mapping from AWS error codes and HTTP status to what an operator should see.</summary>
    public static class AwsErrorClassifier
    {
        private static readonly Regex NotAuthorizedAction =
            new Regex(@"not authorized to perform:?\s+(?<action>[a-z0-9-]+:[A-Za-z0-9]+)", RegexOptions.Compiled | RegexOptions.IgnoreCase);

        public static bool IsThrottling(string? code) =>
            code == "RequestLimitExceeded" || code == "Throttling" || code == "ThrottlingException" ||
            code == "TooManyRequestsException" || code == "RequestThrottled" || code == "PriorRequestNotComplete" ||
            code == "SlowDown" || code == "EC2ThrottledException";

        public static bool IsAccessDenied(string? code) =>
            code == "UnauthorizedOperation" || code == "AccessDenied" || code == "AccessDeniedException" ||
            code == "AuthFailure" || code == "UnrecognizedClientException" || code == "InvalidClientTokenId" ||
            code == "ExpiredToken" || code == "SignatureDoesNotMatch";

        /// <summary>Whether a failed call is worth another attempt: throttling and server-side errors.</summary>
        public static bool IsRetryable(string? code, int httpStatus) =>
            IsThrottling(code) || httpStatus >= 500 || code == "InternalError" || code == "Unavailable" || code == "ServiceUnavailable";

        public static PatternErrorCategory Categorize(string? code, int httpStatus)
        {
            if (string.IsNullOrEmpty(code)) return httpStatus >= 500 ? PatternErrorCategory.ResourceUnavailable : PatternErrorCategory.NotSpecified;
            if (code == "UnauthorizedOperation" || code == "AccessDenied" || code == "AccessDeniedException") return PatternErrorCategory.PermissionDenied;
            if (IsAccessDenied(code)) return PatternErrorCategory.AuthenticationError;
            if (IsThrottling(code)) return PatternErrorCategory.LimitsExceeded;
            if (code!.EndsWith(".NotFound", StringComparison.Ordinal) || code.StartsWith("NoSuch", StringComparison.Ordinal)) return PatternErrorCategory.ObjectNotFound;
            if (code.EndsWith(".Malformed", StringComparison.Ordinal) || code.StartsWith("InvalidParameter", StringComparison.Ordinal) ||
                code == "MissingParameter" || code == "InvalidInput" || code == "InvalidChangeBatch" || code == "ValidationError") return PatternErrorCategory.InvalidArgument;
            if (code.EndsWith(".Duplicate", StringComparison.Ordinal) || code.EndsWith("AlreadyExists", StringComparison.Ordinal) ||
                code == "Resource.AlreadyAssociated") return PatternErrorCategory.ResourceExists;
            if (code.EndsWith(".InUse", StringComparison.Ordinal) || code.StartsWith("IncorrectState", StringComparison.Ordinal) ||
                code.StartsWith("IncorrectInstanceState", StringComparison.Ordinal)) return PatternErrorCategory.InvalidOperation;
            if (code.EndsWith("LimitExceeded", StringComparison.Ordinal)) return PatternErrorCategory.LimitsExceeded;
            if (httpStatus >= 500) return PatternErrorCategory.ResourceUnavailable;
            return PatternErrorCategory.InvalidOperation;
        }

        /// <summary>
        /// The IAM action an access-denied error is about. AWS names it in the message when the caller may decode it;
        /// otherwise the action we called is the one that is missing.
        /// </summary>
        public static string? MissingAction(string? code, string? message, string calledAction)
        {
            if (!IsAccessDenied(code) || code == "AuthFailure" || code == "SignatureDoesNotMatch" ||
                code == "InvalidClientTokenId" || code == "UnrecognizedClientException" || code == "ExpiredToken")
                return null;
            var m = NotAuthorizedAction.Match(message ?? string.Empty);
            return m.Success ? m.Groups["action"].Value : calledAction;
        }
    }
}
