namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>
    /// Content of an <see cref="Ec2Element"/> that writes itself straight into the buffer: for shapes a describe renders
    /// by the thousand (a snapshot with its tags was sixty element objects, and most of a page's serving time).
    /// </summary>
    internal interface IXmlFragment
    {
        void WriteTo(Utf8XmlBuffer output);
    }
}
