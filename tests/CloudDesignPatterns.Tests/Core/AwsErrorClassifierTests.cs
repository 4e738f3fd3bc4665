using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Tests.Core
{
    public sealed class AwsErrorClassifierTests
    {
        [Theory]
        [InlineData("InvalidInstanceID.NotFound", 400, PatternErrorCategory.ObjectNotFound)]
        [InlineData("InvalidVolume.NotFound", 400, PatternErrorCategory.ObjectNotFound)]
        [InlineData("NoSuchHostedZone", 404, PatternErrorCategory.ObjectNotFound)]
        [InlineData("InvalidInstanceID.Malformed", 400, PatternErrorCategory.InvalidArgument)]
        [InlineData("InvalidParameterValue", 400, PatternErrorCategory.InvalidArgument)]
        [InlineData("MissingParameter", 400, PatternErrorCategory.InvalidArgument)]
        [InlineData("UnauthorizedOperation", 403, PatternErrorCategory.PermissionDenied)]
        [InlineData("AccessDenied", 403, PatternErrorCategory.PermissionDenied)]
        [InlineData("AuthFailure", 401, PatternErrorCategory.AuthenticationError)]
        [InlineData("SignatureDoesNotMatch", 403, PatternErrorCategory.AuthenticationError)]
        [InlineData("RequestLimitExceeded", 503, PatternErrorCategory.LimitsExceeded)]
        [InlineData("Throttling", 400, PatternErrorCategory.LimitsExceeded)]
        [InlineData("InternalError", 500, PatternErrorCategory.ResourceUnavailable)]
        [InlineData("Unavailable", 503, PatternErrorCategory.ResourceUnavailable)]
        [InlineData(null, 502, PatternErrorCategory.ResourceUnavailable)]
        [InlineData("", 400, PatternErrorCategory.NotSpecified)]
        [InlineData("InvalidPermission.Duplicate", 400, PatternErrorCategory.ResourceExists)]
        [InlineData("InvalidGroup.Duplicate", 400, PatternErrorCategory.ResourceExists)]
        [InlineData("InvalidSnapshot.InUse", 400, PatternErrorCategory.InvalidOperation)]
        [InlineData("IncorrectInstanceState", 400, PatternErrorCategory.InvalidOperation)]
        [InlineData("VolumeLimitExceeded", 400, PatternErrorCategory.LimitsExceeded)]
        public void Categorize_maps_codes_to_categories(string? code, int status, PatternErrorCategory expected)
            => Assert.Equal(expected, AwsErrorClassifier.Categorize(code, status));

        [Fact]
        public void MissingAction_is_read_from_an_UnauthorizedOperation_message()
        {
            const string message = "You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/ops " +
                                   "is not authorized to perform: ec2:CreateSnapshots on resource: arn:aws:ec2:ap-northeast-1:123456789012:instance/i-0123 " +
                                   "because no identity-based policy allows the ec2:CreateSnapshots action.";

            Assert.Equal("ec2:CreateSnapshots", AwsErrorClassifier.MissingAction("UnauthorizedOperation", message, "ec2:DescribeInstances"));
        }

        [Fact]
        public void MissingAction_falls_back_to_the_called_action_when_the_message_is_encoded()
        {
            const string message = "You are not authorized to perform this operation. Encoded authorization failure message: Abc123";

            Assert.Equal("ec2:CreateSnapshots", AwsErrorClassifier.MissingAction("UnauthorizedOperation", message, "ec2:CreateSnapshots"));
        }

        [Theory]
        [InlineData("AuthFailure")]
        [InlineData("InvalidInstanceID.NotFound")]
        [InlineData("InternalError")]
        [InlineData(null)]
        public void MissingAction_is_null_unless_access_was_denied_by_policy(string? code)
            => Assert.Null(AwsErrorClassifier.MissingAction(code, "is not authorized to perform: ec2:StopInstances", "ec2:StopInstances"));

        [Theory]
        [InlineData("RequestLimitExceeded", 503, true)]
        [InlineData("Throttling", 400, true)]
        [InlineData("InternalError", 500, true)]
        [InlineData("Unavailable", 503, true)]
        [InlineData(null, 502, true)]
        [InlineData("InvalidInstanceID.NotFound", 400, false)]
        [InlineData("UnauthorizedOperation", 403, false)]
        [InlineData("InvalidPermission.Duplicate", 400, false)]
        [InlineData("InvalidSnapshot.InUse", 400, false)]
        public void IsRetryable_only_for_throttling_and_server_errors(string? code, int status, bool expected)
            => Assert.Equal(expected, AwsErrorClassifier.IsRetryable(code, status));
    }
}
