fn main() {
    println!("kith: the command line lands in the next commit");
}
