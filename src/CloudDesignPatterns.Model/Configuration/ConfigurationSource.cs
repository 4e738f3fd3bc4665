namespace CloudDesignPatterns.Model.Configuration
{
    /// <summary>Where a setting's value came from. Listed from highest to lowest precedence.</summary>
    public enum ConfigurationSource
    {
        /// <summary>A cmdlet parameter the user typed.</summary>
        Parameter,
        /// <summary>The instance tag cdp:&lt;pattern&gt;:&lt;setting&gt;.</summary>
        Tag,
        /// <summary>The same key in the instance's user data.</summary>
        UserData,
        /// <summary>The module's built-in default.</summary>
        Default,
    }
}
