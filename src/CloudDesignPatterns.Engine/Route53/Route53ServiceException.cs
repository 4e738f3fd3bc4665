using System;
using System.Collections.Generic;
using System.Net;
using Amazon.Runtime;

namespace CloudDesignPatterns.Engine.Route53
{
    /// <summary>
    /// An error answer from Route 53 (ErrorResponse, or InvalidChangeBatch with its list of messages). It is an
    /// <see cref="AmazonServiceException"/> so <see cref="Aws.AwsCallRunner"/> retries, paces and maps it as it does EC2's.
    /// </summary>
    public sealed class Route53ServiceException : AmazonServiceException
    {
        public Route53ServiceException(string message, string? errorCode, string? requestId, HttpStatusCode status, IReadOnlyList<string> messages)
            : base(message, null, (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender, errorCode, requestId, status)
        {
            Messages = messages;
        }

        /// <summary>Every message of an InvalidChangeBatch (one per refused change); the one message otherwise.</summary>
        public IReadOnlyList<string> Messages { get; }
    }
}
