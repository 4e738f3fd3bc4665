using System;

namespace CloudDesignPatterns.Engine.Errors
{
    /// <summary>
    /// Every failure the engine reports. Carries what DESIGN.md asks of an error: an id, a category,
    /// the AWS error code when AWS answered, and the IAM action that was missing on access denied.
    /// </summary>
    public class PatternException : Exception
    {
        public PatternException(string errorId, PatternErrorCategory category, string message,
            string? awsErrorCode = null, string? missingAction = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            AwsErrorCode = awsErrorCode;
            MissingAction = missingAction;
        }

        /// <summary>Stable identifier such as "AwsCallFailed.InvalidInstanceID.NotFound" or "ImdsUnavailable".</summary>
        public string ErrorId { get; }
        public PatternErrorCategory Category { get; }
        /// <summary>The AWS error code (e.g. "UnauthorizedOperation"), null when AWS never answered.</summary>
        public string? AwsErrorCode { get; }
        /// <summary>For access denied: the IAM action to grant, e.g. "ec2:CreateSnapshots".</summary>
        public string? MissingAction { get; }
        /// <summary>True when a mutating call may or may not have taken effect (the connection dropped after sending it).</summary>
        public bool OutcomeUnknown { get; set; }
    }
}
