using System;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Bastion;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.Bastion;

namespace CloudDesignPatterns.Tests.Bastion
{
    /// <summary>The limits and the approval/start rules, pure: each refusal has its own error id.</summary>
    public class BastionRulesTests
    {
        [Theory]
        [InlineData("203.0.113.7", "203.0.113.7/32", true)]
        [InlineData(" 203.0.113.7/32 ", "203.0.113.7/32", true)]
        [InlineData("203.0.113.77/24", "203.0.113.0/24", false)]
        [InlineData("2001:db8::1", "2001:db8::1/128", true)]
        [InlineData("0.0.0.0/0", "0.0.0.0/0", false)]
        public void Sources_are_normalised_to_the_cidr_EC2_stores(string text, string cidr, bool single)
        {
            Assert.True(SourceAddress.TryParse(text, out var source, out _));
            Assert.Equal(cidr, source.Cidr);
            Assert.Equal(single, source.IsSingleAddress);
        }

        [Theory]
        [InlineData("300.1.2.3")]
        [InlineData("10.1.2")]
        [InlineData("203.0.113.7/33")]
        [InlineData("203.0.113.7/x")]
        [InlineData("")]
        public void Sources_that_do_not_parse_are_refused(string text)
        {
            var e = Assert.Throws<PatternException>(() => BastionRules.RequireSource(text, allowAnySource: true));
            Assert.Equal("InvalidSourceAddress", e.ErrorId);
        }

        [Fact]
        public void A_range_needs_AllowAnySource()
        {
            Assert.Equal("SourceNotSingleAddress", Assert.Throws<PatternException>(() => BastionRules.RequireSource("::/0", false)).ErrorId);
            Assert.Equal("::/0", BastionRules.RequireSource("::/0", true).Cidr);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(65536)]
        public void Ports_outside_1_to_65535_are_refused(int port) =>
            Assert.Equal("InvalidPort", Assert.Throws<PatternException>(() => BastionRules.RequirePort(port)).ErrorId);

        [Fact]
        public void Durations_must_be_positive_and_within_the_cap()
        {
            Assert.Equal("InvalidDuration", Assert.Throws<PatternException>(() => BastionRules.RequireDuration(TimeSpan.Zero, BastionRules.DefaultMaxDuration)).ErrorId);
            var over = Assert.Throws<PatternException>(() => BastionRules.RequireDuration(TimeSpan.FromHours(8.5), BastionRules.DefaultMaxDuration));
            Assert.Equal("DurationOverLimit", over.ErrorId);
            Assert.Equal(PatternErrorCategory.LimitsExceeded, over.Category);
            Assert.Equal(TimeSpan.FromHours(8), BastionRules.RequireDuration(TimeSpan.FromHours(8), BastionRules.DefaultMaxDuration));
        }

        private static BastionRequest Request(BastionState state, string? approver = null) => new BastionRequest
        {
            RequestId = "sg-0123456789abcdef0", State = state, Requester = "arn:aws:iam::123456789012:user/alice", Approver = approver,
            SourceCidr = "203.0.113.7/32", Port = 22, Duration = TimeSpan.FromHours(1), ExpiresAt = DateTime.UtcNow.AddHours(1),
        };

        [Fact]
        public void The_requester_cannot_approve_their_own_request_whatever_the_case_of_the_ARN()
        {
            var me = new CallerIdentity("arn:aws:iam::123456789012:user/ALICE", "123456789012", "AIDA");
            var e = Assert.Throws<PatternException>(() => BastionApprover.Check(Request(BastionState.Requested), me, BastionRules.DefaultMaxDuration, false));
            Assert.Equal("SelfApprovalRefused", e.ErrorId);
            Assert.Equal(PatternErrorCategory.PermissionDenied, e.Category);
        }

        [Fact]
        public void Another_principal_approves_and_expired_or_approved_requests_are_refused()
        {
            var bob = new CallerIdentity("arn:aws:iam::123456789012:user/bob", "123456789012", "AIDB");
            Assert.Equal(bob.Arn, BastionApprover.Check(Request(BastionState.Requested), bob, BastionRules.DefaultMaxDuration, false).ApproverArn);
            Assert.Equal("BastionRequestExpired", Assert.Throws<PatternException>(() => BastionApprover.Check(Request(BastionState.Expired), bob, BastionRules.DefaultMaxDuration, false)).ErrorId);
            Assert.Equal("BastionAlreadyApproved", Assert.Throws<PatternException>(() => BastionApprover.Check(Request(BastionState.Approved, bob.Arn), bob, BastionRules.DefaultMaxDuration, false)).ErrorId);
        }

        [Theory]
        [InlineData(BastionState.Requested, null, "BastionNotApproved")]
        [InlineData(BastionState.Approved, "arn:aws:iam::123456789012:user/alice", "BastionNotApproved")]
        [InlineData(BastionState.Expired, "arn:aws:iam::123456789012:user/bob", "BastionRequestExpired")]
        [InlineData(BastionState.Active, "arn:aws:iam::123456789012:user/bob", "BastionAlreadyStarted")]
        public void Only_an_approved_unexpired_request_by_someone_else_starts(BastionState state, string? approver, string errorId)
        {
            var e = Assert.Throws<PatternException>(() => BastionStarter.Check(Request(state, approver), new BastionStartOptions()));
            Assert.Equal(errorId, e.ErrorId);
        }

        [Fact]
        public void User_data_powers_off_at_the_expiry_on_both_platforms()
        {
            var expiry = new DateTime(2026, 12, 6, 16, 0, 0, DateTimeKind.Utc);
            var linux = BastionUserData.Linux(expiry, "sg-0123456789abcdef0");
            Assert.StartsWith("#!/bin/bash\n", linux);
            Assert.Contains("# cdp:bastion:expires-at=2026-12-06T16:00:00Z", linux);
            Assert.Contains("systemctl poweroff", linux);
            Assert.Contains("shutdown -P", linux);
            var windows = BastionUserData.Windows(expiry, "sg-0123456789abcdef0");
            Assert.StartsWith("<powershell>", windows);
            Assert.Contains("shutdown.exe /s", windows);
            Assert.Contains("2026-12-06T16:00:00Z", windows);
        }
    }
}
