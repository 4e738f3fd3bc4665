namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>Cached clients outlive one endpoint; when a sandbox stops, its clients and region list are dropped.</summary>
    public static class EngineCaches
    {
        public static void ForgetEndpoint(string endpointUrl)
        {
            var endpoint = new System.Uri(endpointUrl);
            Ec2ClientCache.Forget(endpoint);
            RegionValidator.Forget(endpoint);
            Route53.Route53Session.Forget(endpoint);
            Ssm.SsmSession.Forget(endpoint);
        }
    }
}
