#[test]
fn scratch() {
    let dir = zeef_lists::shared::list_dir("uk").unwrap();
    let data = std::fs::read(dir.join("ConList.xlsx")).unwrap();
    for _ in 0..3 {
    let t = std::time::Instant::now();
    let rows = zeef_lists::parse::sheet::read_xlsx("f", &data).unwrap();
    eprintln!("read_xlsx {:?} rows {}", t.elapsed(), rows.len());
    let t = std::time::Instant::now();
    let _ = zeef_lists::parse::uk::parse("uk", &[zeef_lists::Input::new("ConList.xlsx", data.clone())]).unwrap();
    eprintln!("parse {:?}", t.elapsed());
    }
}
