using System;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Route53;
using CloudDesignPatterns.Engine.Ssm;

namespace CloudDesignPatterns.Engine
{
    /// <summary>
    /// Cached clients outlive one endpoint; when a sandbox stops, its clients and region list are dropped. At the top of
    /// the engine (docs/architecture.md): it reaches into every service folder that keeps a cache, none of which knows it.
    /// </summary>
    public static class EngineCaches
    {
        public static void ForgetEndpoint(string endpointUrl)
        {
            var endpoint = new Uri(endpointUrl);
            Ec2ClientCache.Forget(endpoint);
            RegionValidator.Forget(endpoint);
            Route53Session.Forget(endpoint);
            SsmSession.Forget(endpoint);
        }
    }
}
