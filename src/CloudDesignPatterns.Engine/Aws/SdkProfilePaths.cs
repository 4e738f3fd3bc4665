using System;
using System.IO;
using System.Reflection;
using Amazon.Runtime.CredentialManagement;

namespace CloudDesignPatterns.Engine.Aws
{
    /// <summary>
    /// Keeps the SDK's shared config and credentials file paths in step with AWS_CONFIG_FILE and
    /// AWS_SHARED_CREDENTIALS_FILE. The SDK reads both variables once per process into static properties with private
    /// setters, so an operator who points AWS_CONFIG_FILE elsewhere in a long pwsh session (or a Pester file that does)
    /// would otherwise keep reading the first file. The AWS CLI reads the variables on every command; so do we.
    /// </summary>
    internal static class SdkProfilePaths
    {
        private static readonly object Gate = new object();

        public static void Refresh()
        {
            lock (Gate)
            {
                Follow(nameof(SharedCredentialsFile.DefaultConfigFilePath), "AWS_CONFIG_FILE", "config");
                Follow(nameof(SharedCredentialsFile.DefaultFilePath), "AWS_SHARED_CREDENTIALS_FILE", "credentials");
            }
        }

        private static void Follow(string propertyName, string variable, string defaultFileName)
        {
            var property = typeof(SharedCredentialsFile).GetProperty(propertyName, BindingFlags.Public | BindingFlags.Static);
            var wanted = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(wanted))
                wanted = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", defaultFileName);
            // If a later SDK drops the property or its setter, the SDK's own (read-once) behaviour stays.
            if (property?.SetMethod == null || string.Equals(property.GetValue(null) as string, wanted, StringComparison.Ordinal)) return;
            property.SetMethod.Invoke(null, new object[] { wanted });
        }
    }
}
