pub fn parse(_: &str) -> super::Parsed {
    Default::default()
}
