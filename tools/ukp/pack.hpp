#pragma once

namespace ukp::tool {

// `ukp pack ... -o OUT -- APP [ARGS...]`: argv[1] is "pack". Writes OUT, one
// executable holding this launcher, the --root tree as an image, libukp.so,
// APP and the manifest (layout in manifest.hpp). Returns the exit status:
// 0, or 2 with one line on stderr (OUT is then left as it was).
int pack_main(int argc, char** argv);

}  // namespace ukp::tool
