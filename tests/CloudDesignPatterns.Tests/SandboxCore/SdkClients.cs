using System;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    /// <summary>
    /// Real AWS SDK clients aimed at a sandbox. Explicit credentials, signing region and ServiceURL mean they never
    /// probe instance metadata, so they need no process-wide environment changes (the IMDS SDK test owns those).
    /// </summary>
    internal static class SdkClients
    {
        public static AmazonEC2Client Ec2(Uri endpoint, string accessKey = "AKIDEXAMPLE", string secret = "secret", string? sessionToken = null, int maxErrorRetry = 0)
        {
            return new AmazonEC2Client(Credentials(accessKey, secret, sessionToken), new AmazonEC2Config
            {
                ServiceURL = endpoint.ToString(), AuthenticationRegion = "ap-northeast-1", MaxErrorRetry = maxErrorRetry,
            });
        }

        public static AmazonSecurityTokenServiceClient Sts(Uri endpoint, string accessKey = "AKIDEXAMPLE", string secret = "secret", string? sessionToken = null)
        {
            return new AmazonSecurityTokenServiceClient(Credentials(accessKey, secret, sessionToken), new AmazonSecurityTokenServiceConfig
            {
                ServiceURL = endpoint.ToString(), AuthenticationRegion = "ap-northeast-1", MaxErrorRetry = 0,
            });
        }

        private static AWSCredentials Credentials(string accessKey, string secret, string? sessionToken) =>
            sessionToken == null ? new BasicAWSCredentials(accessKey, secret) : new SessionAWSCredentials(accessKey, secret, sessionToken);
    }
}
