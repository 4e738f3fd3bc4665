namespace CloudDesignPatterns.Engine.Tagging
{
    /// <summary>
    /// The tag names the module writes and reads. They live in one place because the published IAM policies key on them:
    /// renaming one here changes which resources the policies let the module delete.
    /// </summary>
    public static class ManagedTags
    {
        /// <summary>Every tag the module writes or reads starts with this prefix.</summary>
        public const string Prefix = "cdp:";

        /// <summary>Marks a resource (snapshot, image, volume…) as created by this module and therefore safe for it to rotate.</summary>
        public const string ManagedByKey = Prefix + "managed-by";

        /// <summary>The value of <see cref="ManagedByKey"/> on resources the module created.</summary>
        public const string ManagedByValue = "CloudDesignPatterns";
    }
}
