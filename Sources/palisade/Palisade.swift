@main struct Palisade { static func main() {} }
