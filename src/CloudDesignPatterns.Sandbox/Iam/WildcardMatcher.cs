using System;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>
    /// IAM's glob: '*' matches any run of characters (including none), '?' exactly one; nothing else is special.
    /// Linear greedy matching with backtracking to the last '*', so hostile patterns cannot blow up.
    /// </summary>
    internal static class WildcardMatcher
    {
        public static bool IsMatch(string pattern, string text, bool ignoreCase)
        {
            int p = 0, t = 0, starP = -1, starT = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || CharsEqual(pattern[p], text[t], ignoreCase)))
                {
                    p++;
                    t++;
                }
                else if (p < pattern.Length && pattern[p] == '*')
                {
                    starP = p++;
                    starT = t;
                }
                else if (starP >= 0)
                {
                    // Let the last '*' swallow one more character and retry from there.
                    p = starP + 1;
                    t = ++starT;
                }
                else
                {
                    return false;
                }
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }

        private static bool CharsEqual(char a, char b, bool ignoreCase) =>
            a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
    }
}
