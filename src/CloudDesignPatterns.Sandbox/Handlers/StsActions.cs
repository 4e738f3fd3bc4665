using System;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Principals;

namespace CloudDesignPatterns.Sandbox.Handlers
{
    /// <summary>The STS actions the sandbox answers: GetCallerIdentity (no permission needed, as on AWS).</summary>
    internal static class StsActions
    {
        public static string Execute(string action, SandboxPrincipal caller, string requestId)
        {
            if (action != "GetCallerIdentity")
                throw new SandboxServiceException("InvalidAction", $"Could not find operation {action} for version 2011-06-15", 400);
            return "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">" +
                   "<GetCallerIdentityResult>" +
                   $"<Arn>{QueryErrorXml.Escape(caller.Arn)}</Arn>" +
                   $"<UserId>{QueryErrorXml.Escape(caller.UserId)}</UserId>" +
                   $"<Account>{QueryErrorXml.Escape(caller.Account)}</Account>" +
                   "</GetCallerIdentityResult>" +
                   $"<ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata>" +
                   "</GetCallerIdentityResponse>";
        }
    }
}
