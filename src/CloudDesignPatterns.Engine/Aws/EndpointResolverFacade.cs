namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>Endpoint checks the cmdlets need before storing a value.</summary>
    public static class EndpointResolverFacade
    {
        /// <summary>Throws a PatternException (InvalidEndpointUrl) unless the value is an absolute http(s) URL.</summary>
        public static void Validate(string endpointUrl) => EndpointResolver.Parse(endpointUrl, "parameter -EndpointUrl");
    }
}
