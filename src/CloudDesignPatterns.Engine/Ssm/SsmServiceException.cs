using System.Net;
using Amazon.Runtime;

namespace CloudDesignPatterns.Engine.Ssm
{
    /// <summary>
    /// An error answer from SSM's JSON protocol ({"__type": "...", "message": "..."}). It is an
    /// <see cref="AmazonServiceException"/> so <see cref="Aws.AwsCallRunner"/> retries, paces and maps it as it does EC2's.
    /// </summary>
    public sealed class SsmServiceException : AmazonServiceException
    {
        public SsmServiceException(string message, string? errorCode, string? requestId, HttpStatusCode status)
            : base(message, null, (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender, errorCode, requestId, status)
        {
        }
    }
}
