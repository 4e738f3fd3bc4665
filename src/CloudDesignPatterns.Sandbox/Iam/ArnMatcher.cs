namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>
    /// Case-sensitive ARN matching as IAM documents it for Resource elements and the Arn* condition operators:
    /// each of the six colon-delimited components (arn:partition:service:region:account:resource) is matched
    /// separately, with '*' and '?' wildcards inside a component. The sixth component is the remainder, so a
    /// resource part that itself contains ':' still matches as a whole. A pattern that is not a six-part ARN
    /// (such as "*") is matched as one string.
    /// </summary>
    internal static class ArnMatcher
    {
        private const int ArnComponents = 6;

        public static bool IsMatch(string pattern, string arn)
        {
            var patternParts = pattern.Split(new[] { ':' }, ArnComponents);
            var arnParts = arn.Split(new[] { ':' }, ArnComponents);
            if (patternParts.Length != ArnComponents || arnParts.Length != ArnComponents)
            {
                return WildcardMatcher.IsMatch(pattern, arn, ignoreCase: false);
            }
            for (var i = 0; i < ArnComponents; i++)
            {
                if (!WildcardMatcher.IsMatch(patternParts[i], arnParts[i], ignoreCase: false)) return false;
            }
            return true;
        }
    }
}
