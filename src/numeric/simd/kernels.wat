;; The innermost loops of LSA and k-means in WebAssembly with 128-bit SIMD: two doubles per
;; instruction and no bounds check per element, where V8's code for the same loops over typed
;; arrays runs about ten instructions per element. Every sum is taken, and every tie broken, in
;; the order of the plain loops these replaced: the JavaScript ones kept beside them (the small
;; sparse products in src/numeric/dense.ts; src/cluster/kmeans for rows kept out of kernel
;; memory) and the tests' reference loops give the same bits. Pointers are byte offsets into
;; the imported memory, which src/numeric/simd/kernels.ts lays out.
;;
;; Compiled to src/numeric/simd/kernels-binary.ts by `npm run build:wasm` (wabt, --enable-simd).
(module
  (import "kernels" "memory" (memory 1))

  ;; Rows [from, to) of A·B into `out` (row-major, l columns): A in CSR form (indptr and indices
  ;; i32, data f64), B dense with l columns. When `rowOf` is not 0, column j of A pairs with row
  ;; rowOf[j] of B and is skipped when that is -1. Each output element is one running sum over
  ;; the row's non-zeros in order; two adjacent columns share one f64x2. A row's weights and
  ;; rows of B are first listed at `weights` and `sources` (room for its non-zeros), then taken
  ;; four per pass over the output row, which is read and written a quarter as often.
  (func (export "sparseRows")
    (param $indptr i32) (param $indices i32) (param $data i32) (param $rowOf i32)
    (param $from i32) (param $to i32) (param $b i32) (param $l i32) (param $out i32)
    (param $weights i32) (param $sources i32)
    (local $i i32) (local $p i32) (local $end i32) (local $r i32) (local $n i32) (local $q i32)
    (local $stride i32) (local $row i32) (local $pairsBytes i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $c i32)
    (local.set $stride (i32.shl (local.get $l) (i32.const 3)))
    (local.set $pairsBytes (i32.shl (i32.and (local.get $l) (i32.const -2)) (i32.const 3)))
    (local.set $i (local.get $from))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $row (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $stride))))
        (memory.fill (local.get $row) (i32.const 0) (local.get $stride))
        ;; The row's weights and where each one's row of B starts.
        (local.set $p (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $n (i32.const 0))
        (block $listed
          (loop $list
            (br_if $listed (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $r (i32.load (i32.add (local.get $indices) (i32.shl (local.get $p) (i32.const 2)))))
            (if (local.get $rowOf)
              (then (local.set $r (i32.load (i32.add (local.get $rowOf) (i32.shl (local.get $r) (i32.const 2)))))))
            (if (i32.ne (local.get $r) (i32.const -1))
              (then
                (f64.store (i32.add (local.get $weights) (i32.shl (local.get $n) (i32.const 3)))
                  (f64.load (i32.add (local.get $data) (i32.shl (local.get $p) (i32.const 3)))))
                (i32.store (i32.add (local.get $sources) (i32.shl (local.get $n) (i32.const 2)))
                  (i32.add (local.get $b) (i32.mul (local.get $r) (local.get $stride))))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $list)))
        ;; Four non-zeros per pass over the output row.
        (local.set $q (i32.const 0))
        (block $foursDone
          (loop $fours
            (br_if $foursDone (i32.gt_u (i32.add (local.get $q) (i32.const 4)) (local.get $n)))
            (local.set $v0 (v128.load64_splat (i32.add (local.get $weights) (i32.shl (local.get $q) (i32.const 3)))))
            (local.set $v1 (v128.load64_splat offset=8 (i32.add (local.get $weights) (i32.shl (local.get $q) (i32.const 3)))))
            (local.set $v2 (v128.load64_splat offset=16 (i32.add (local.get $weights) (i32.shl (local.get $q) (i32.const 3)))))
            (local.set $v3 (v128.load64_splat offset=24 (i32.add (local.get $weights) (i32.shl (local.get $q) (i32.const 3)))))
            (local.set $s0 (i32.load (i32.add (local.get $sources) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $s1 (i32.load offset=4 (i32.add (local.get $sources) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $s2 (i32.load offset=8 (i32.add (local.get $sources) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $s3 (i32.load offset=12 (i32.add (local.get $sources) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $c (i32.const 0))
            (block $pairsDone
              (loop $pairs
                (br_if $pairsDone (i32.ge_u (local.get $c) (local.get $pairsBytes)))
                (v128.store (i32.add (local.get $row) (local.get $c))
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add
                        (f64x2.add
                          (v128.load (i32.add (local.get $row) (local.get $c)))
                          (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $s0) (local.get $c)))))
                        (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $s1) (local.get $c)))))
                      (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $s2) (local.get $c)))))
                    (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $s3) (local.get $c))))))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (br $pairs)))
            ;; An odd l: the last column alone.
            (if (i32.lt_u (local.get $c) (local.get $stride))
              (then
                (f64.store (i32.add (local.get $row) (local.get $c))
                  (f64.add
                    (f64.add
                      (f64.add
                        (f64.add
                          (f64.load (i32.add (local.get $row) (local.get $c)))
                          (f64.mul (f64x2.extract_lane 0 (local.get $v0)) (f64.load (i32.add (local.get $s0) (local.get $c)))))
                        (f64.mul (f64x2.extract_lane 0 (local.get $v1)) (f64.load (i32.add (local.get $s1) (local.get $c)))))
                      (f64.mul (f64x2.extract_lane 0 (local.get $v2)) (f64.load (i32.add (local.get $s2) (local.get $c)))))
                    (f64.mul (f64x2.extract_lane 0 (local.get $v3)) (f64.load (i32.add (local.get $s3) (local.get $c))))))))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $fours)))
        ;; The last one to three, one per pass.
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_u (local.get $q) (local.get $n)))
            (local.set $v0 (v128.load64_splat (i32.add (local.get $weights) (i32.shl (local.get $q) (i32.const 3)))))
            (local.set $s0 (i32.load (i32.add (local.get $sources) (i32.shl (local.get $q) (i32.const 2)))))
            (local.set $c (i32.const 0))
            (block $pairsDone
              (loop $pairs
                (br_if $pairsDone (i32.ge_u (local.get $c) (local.get $pairsBytes)))
                (v128.store (i32.add (local.get $row) (local.get $c))
                  (f64x2.add
                    (v128.load (i32.add (local.get $row) (local.get $c)))
                    (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $s0) (local.get $c))))))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (br $pairs)))
            (if (i32.lt_u (local.get $c) (local.get $stride))
              (then
                (f64.store (i32.add (local.get $row) (local.get $c))
                  (f64.add
                    (f64.load (i32.add (local.get $row) (local.get $c)))
                    (f64.mul (f64x2.extract_lane 0 (local.get $v0)) (f64.load (i32.add (local.get $s0) (local.get $c))))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $rest)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; Σ_j (a[j] - b[j])² over d doubles: the even and the odd j summed apart (the two lanes) and
  ;; added at the end, as `squaredDistance` in distance.ts does.
  (func $squaredDistance (export "squaredDistance") (param $a i32) (param $b i32) (param $d i32) (result f64)
    (local $sums v128) (local $x v128) (local $end i32) (local $last f64)
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $x (f64x2.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $sums (f64x2.add (local.get $sums) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $pairs)))
    ;; An odd d: its last coordinate has an even index.
    (if (i32.and (local.get $d) (i32.const 1))
      (then
        (local.set $last (f64.sub (f64.load (local.get $a)) (f64.load (local.get $b))))
        (local.set $sums
          (f64x2.replace_lane 0 (local.get $sums)
            (f64.add (f64x2.extract_lane 0 (local.get $sums)) (f64.mul (local.get $last) (local.get $last)))))))
    (f64.add (f64x2.extract_lane 0 (local.get $sums)) (f64x2.extract_lane 1 (local.get $sums))))

  ;; out[t] = squaredDistance(row, others + 8·starts[t], d) for t < count (starts in doubles).
  (func (export "squaredDistancesToRows")
    (param $row i32) (param $others i32) (param $starts i32) (param $count i32) (param $d i32) (param $out i32)
    (local $t i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
        (f64.store
          (i32.add (local.get $out) (i32.shl (local.get $t) (i32.const 3)))
          (call $squaredDistance
            (local.get $row)
            (i32.add (local.get $others)
              (i32.shl (i32.load (i32.add (local.get $starts) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 3)))
            (local.get $d)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $each))))
  ;; Rows [0, rows) of M·W into `out`, for M with `a` columns and W (a × b), all row-major. Each
  ;; element is one running sum over x in order, two rows by four columns at a time (four f64x2
  ;; sums); column block c stops at `heights` (i32, one per column): W's last non-zero row in
  ;; those columns, the terms below being M·0. Odd rows and columns are finished one by one.
  (func (export "denseRows")
    (param $m i32) (param $a i32) (param $w i32) (param $b i32) (param $out i32) (param $rows i32)
    (param $heights i32)
    (local $i i32) (local $c i32) (local $x i32) (local $top i32) (local $m0 i32) (local $m1 i32)
    (local $wAt i32) (local $wStride i32) (local $o0 i32) (local $o1 i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128) (local $v0 v128) (local $v1 v128)
    (local $t0 f64) (local $t1 f64)
    (local.set $wStride (i32.shl (local.get $b) (i32.const 3)))
    (block $rowsDone
      (loop $rowPairs
        (br_if $rowsDone (i32.gt_u (i32.add (local.get $i) (i32.const 1)) (local.get $rows)))
        (local.set $m0 (i32.add (local.get $m) (i32.shl (i32.mul (local.get $i) (local.get $a)) (i32.const 3))))
        ;; The second row of the pair is the first again when the rows are odd.
        (local.set $m1
          (select
            (i32.add (local.get $m0) (i32.shl (local.get $a) (i32.const 3)))
            (local.get $m0)
            (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $rows))))
        (local.set $o0 (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $wStride))))
        (local.set $o1
          (select
            (i32.add (local.get $o0) (local.get $wStride))
            (local.get $o0)
            (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $rows))))
        (local.set $c (i32.const 0))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $b)))
            (local.set $top (call $highest (local.get $heights) (local.get $c) (i32.const 4)))
            (local.set $s00 (v128.const f64x2 0 0))
            (local.set $s01 (v128.const f64x2 0 0))
            (local.set $s10 (v128.const f64x2 0 0))
            (local.set $s11 (v128.const f64x2 0 0))
            (local.set $wAt (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 3))))
            (local.set $x (i32.const 0))
            (block $xDone
              (loop $xs
                (br_if $xDone (i32.ge_u (local.get $x) (local.get $top)))
                (local.set $v0 (v128.load64_splat (i32.add (local.get $m0) (i32.shl (local.get $x) (i32.const 3)))))
                (local.set $v1 (v128.load64_splat (i32.add (local.get $m1) (i32.shl (local.get $x) (i32.const 3)))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $v0) (v128.load (local.get $wAt)))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $v0) (v128.load offset=16 (local.get $wAt)))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $v1) (v128.load (local.get $wAt)))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $v1) (v128.load offset=16 (local.get $wAt)))))
                (local.set $wAt (i32.add (local.get $wAt) (local.get $wStride)))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $xs)))
            ;; Row i + 1 first: when rows are odd it is row i again, and row i's sums must win.
            (v128.store (i32.add (local.get $o1) (i32.shl (local.get $c) (i32.const 3))) (local.get $s10))
            (v128.store offset=16 (i32.add (local.get $o1) (i32.shl (local.get $c) (i32.const 3))) (local.get $s11))
            (v128.store (i32.add (local.get $o0) (i32.shl (local.get $c) (i32.const 3))) (local.get $s00))
            (v128.store offset=16 (i32.add (local.get $o0) (i32.shl (local.get $c) (i32.const 3))) (local.get $s01))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $quads)))
        ;; The last one to three columns, one at a time.
        (block $columnsDone
          (loop $columns
            (br_if $columnsDone (i32.ge_u (local.get $c) (local.get $b)))
            (local.set $top (call $highest (local.get $heights) (local.get $c) (i32.const 1)))
            (local.set $t0 (f64.const 0))
            (local.set $t1 (f64.const 0))
            (local.set $wAt (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 3))))
            (local.set $x (i32.const 0))
            (block $xDone
              (loop $xs
                (br_if $xDone (i32.ge_u (local.get $x) (local.get $top)))
                (local.set $t0 (f64.add (local.get $t0)
                  (f64.mul (f64.load (i32.add (local.get $m0) (i32.shl (local.get $x) (i32.const 3)))) (f64.load (local.get $wAt)))))
                (local.set $t1 (f64.add (local.get $t1)
                  (f64.mul (f64.load (i32.add (local.get $m1) (i32.shl (local.get $x) (i32.const 3)))) (f64.load (local.get $wAt)))))
                (local.set $wAt (i32.add (local.get $wAt) (local.get $wStride)))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $xs)))
            (f64.store (i32.add (local.get $o1) (i32.shl (local.get $c) (i32.const 3))) (local.get $t1))
            (f64.store (i32.add (local.get $o0) (i32.shl (local.get $c) (i32.const 3))) (local.get $t0))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $columns)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rowPairs))))

  ;; The largest of `count` i32 heights from column c.
  (func $highest (param $heights i32) (param $c i32) (param $count i32) (result i32)
    (local $top i32) (local $h i32) (local $at i32) (local $end i32)
    (local.set $at (i32.add (local.get $heights) (i32.shl (local.get $c) (i32.const 2))))
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $h (i32.load (local.get $at)))
        (if (i32.gt_u (local.get $h) (local.get $top)) (then (local.set $top (local.get $h))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $each)))
    (local.get $top))
  ;; Adds rows [0, rows) of M and N (l columns each, row-major) to the upper triangle of Mᵀ·N in
  ;; `g` (l × l; with N = M, the Gram matrix): each element sums its rows in order, four columns
  ;; (two f64x2 sums) per pass over the rows, then the last one to three columns one by one.
  (func (export "crossRows") (param $m i32) (param $n i32) (param $l i32) (param $g i32) (param $rows i32)
    (local $a i32) (local $b i32) (local $stride i32) (local $end i32) (local $row i32) (local $gAt i32)
    (local $other i32)
    (local $s0 v128) (local $s1 v128) (local $v v128) (local $t f64)
    (local.set $stride (i32.shl (local.get $l) (i32.const 3)))
    (local.set $end (i32.add (local.get $m) (i32.mul (local.get $rows) (local.get $stride))))
    (block $aDone
      (loop $as
        (br_if $aDone (i32.ge_u (local.get $a) (local.get $l)))
        (local.set $b (local.get $a))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_u (i32.add (local.get $b) (i32.const 4)) (local.get $l)))
            (local.set $gAt (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $l)) (local.get $b)) (i32.const 3))))
            (local.set $s0 (v128.load (local.get $gAt)))
            (local.set $s1 (v128.load offset=16 (local.get $gAt)))
            (local.set $row (local.get $m))
            (local.set $other (local.get $n))
            (block $rowsDone
              (loop $rowsLoop
                (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $end)))
                (local.set $v (v128.load64_splat (i32.add (local.get $row) (i32.shl (local.get $a) (i32.const 3)))))
                (local.set $s0 (f64x2.add (local.get $s0)
                  (f64x2.mul (local.get $v) (v128.load (i32.add (local.get $other) (i32.shl (local.get $b) (i32.const 3)))))))
                (local.set $s1 (f64x2.add (local.get $s1)
                  (f64x2.mul (local.get $v) (v128.load offset=16 (i32.add (local.get $other) (i32.shl (local.get $b) (i32.const 3)))))))
                (local.set $row (i32.add (local.get $row) (local.get $stride)))
                (local.set $other (i32.add (local.get $other) (local.get $stride)))
                (br $rowsLoop)))
            (v128.store (local.get $gAt) (local.get $s0))
            (v128.store offset=16 (local.get $gAt) (local.get $s1))
            (local.set $b (i32.add (local.get $b) (i32.const 4)))
            (br $quads)))
        ;; The last one to three columns, one at a time.
        (block $columnsDone
          (loop $columns
            (br_if $columnsDone (i32.ge_u (local.get $b) (local.get $l)))
            (local.set $gAt (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $l)) (local.get $b)) (i32.const 3))))
            (local.set $t (f64.load (local.get $gAt)))
            (local.set $row (local.get $m))
            (local.set $other (local.get $n))
            (block $rowsDone
              (loop $rowsLoop
                (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $end)))
                (local.set $t (f64.add (local.get $t)
                  (f64.mul
                    (f64.load (i32.add (local.get $row) (i32.shl (local.get $a) (i32.const 3))))
                    (f64.load (i32.add (local.get $other) (i32.shl (local.get $b) (i32.const 3)))))))
                (local.set $row (i32.add (local.get $row) (local.get $stride)))
                (local.set $other (i32.add (local.get $other) (local.get $stride)))
                (br $rowsLoop)))
            (f64.store (local.get $gAt) (local.get $t))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $columns)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $as))))
  ;; One reassignment of Elkan's k-means (src/cluster/kmeans/lloyd.ts, `reassign`), decision for
  ;; decision: the centres moved by `moved` (k); `between` (k × k) holds the distances between
  ;; centres and `half` (k) half of each one's distance to its nearest other. Rows (n × d) at
  ;; `data`, centres (k × d) at `centres`; per row its label (i32), an upper bound on the
  ;; distance to its centre and a lower bound to every centre (n × k). Returns how many rows
  ;; changed centre.
  (func (export "elkanReassign")
    (param $data i32) (param $centres i32) (param $d i32) (param $n i32) (param $k i32)
    (param $labels i32) (param $upper i32) (param $lower i32)
    (param $moved i32) (param $between i32) (param $half i32) (result i32)
    (local $i i32) (local $c i32) (local $o i32) (local $was i32) (local $changed i32)
    (local $rowBytes i32) (local $lowerRow i32) (local $tight i32)
    (local $up f64) (local $dist f64) (local $at i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $lowerRow (i32.add (local.get $lower) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 3))))
        ;; Every lower bound loosened by how far its centre moved.
        (local.set $o (i32.const 0))
        (block $loosened
          (loop $loosen
            (br_if $loosened (i32.ge_u (local.get $o) (local.get $k)))
            (local.set $at (i32.add (local.get $lowerRow) (i32.shl (local.get $o) (i32.const 3))))
            (f64.store (local.get $at)
              (f64.max (f64.const 0)
                (f64.sub (f64.load (local.get $at)) (f64.load (i32.add (local.get $moved) (i32.shl (local.get $o) (i32.const 3)))))))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (br $loosen)))
        (local.set $was (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $c (local.get $was))
        (local.set $up
          (f64.add
            (f64.load (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))))
            (f64.load (i32.add (local.get $moved) (i32.shl (local.get $c) (i32.const 3))))))
        (block $rowDone
          ;; Nearer its centre than half the way to any other: it stays.
          (if (f64.le (local.get $up) (f64.load (i32.add (local.get $half) (i32.shl (local.get $c) (i32.const 3)))))
            (then
              (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $up))
              (br $rowDone)))
          (local.set $tight (i32.const 0))
          (local.set $o (i32.const 0))
          (block $othersDone
            (loop $others
              (br_if $othersDone (i32.ge_u (local.get $o) (local.get $k)))
              (block $next
                (br_if $next (i32.eq (local.get $o) (local.get $c)))
                (br_if $next (call $settled (local.get $up) (local.get $lowerRow) (local.get $between) (local.get $k) (local.get $c) (local.get $o)))
                (if (i32.eqz (local.get $tight))
                  (then
                    (local.set $up (f64.sqrt (call $squaredDistance
                      (i32.add (local.get $data) (i32.mul (local.get $i) (local.get $rowBytes)))
                      (i32.add (local.get $centres) (i32.mul (local.get $c) (local.get $rowBytes)))
                      (local.get $d))))
                    (f64.store (i32.add (local.get $lowerRow) (i32.shl (local.get $c) (i32.const 3))) (local.get $up))
                    (local.set $tight (i32.const 1))
                    (br_if $next (call $settled (local.get $up) (local.get $lowerRow) (local.get $between) (local.get $k) (local.get $c) (local.get $o)))))
                (local.set $dist (f64.sqrt (call $squaredDistance
                  (i32.add (local.get $data) (i32.mul (local.get $i) (local.get $rowBytes)))
                  (i32.add (local.get $centres) (i32.mul (local.get $o) (local.get $rowBytes)))
                  (local.get $d))))
                (f64.store (i32.add (local.get $lowerRow) (i32.shl (local.get $o) (i32.const 3))) (local.get $dist))
                (if (f64.lt (local.get $dist) (local.get $up))
                  (then
                    (local.set $c (local.get $o))
                    (local.set $up (local.get $dist)))))
              (local.set $o (i32.add (local.get $o) (i32.const 1)))
              (br $others)))
          (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3))) (local.get $up))
          (if (i32.ne (local.get $c) (local.get $was))
            (then
              (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $c))
              (local.set $changed (i32.add (local.get $changed) (i32.const 1))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.get $changed))

  ;; Whether centre o cannot be nearer than `up`: its lower bound, or half its distance from
  ;; centre c, is at least `up`.
  (func $settled (param $up f64) (param $lowerRow i32) (param $between i32) (param $k i32) (param $c i32) (param $o i32) (result i32)
    (i32.or
      (f64.le (local.get $up) (f64.load (i32.add (local.get $lowerRow) (i32.shl (local.get $o) (i32.const 3)))))
      (f64.le (local.get $up)
        (f64.div
          (f64.load (i32.add (local.get $between) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $k)) (local.get $o)) (i32.const 3))))
          (f64.const 2)))))
  ;; One mini-batch step (src/cluster/kmeans/minibatch.ts), as its JavaScript loops do it: each
  ;; row of the batch (i32 row numbers) to its nearest centre (the first of equals), then, row by
  ;; row, that centre moved towards the row by 1 / its count of rows so far (`counts`, f64 per
  ;; centre). Returns the batch's summed squared distance to the centres before the moves.
  (func (export "miniBatchStep")
    (param $data i32) (param $centres i32) (param $d i32) (param $k i32)
    (param $batch i32) (param $size i32) (param $assigned i32) (param $counts i32) (result f64)
    (local $b i32) (local $c i32) (local $best i32) (local $row i32) (local $centre i32)
    (local $rowBytes i32) (local $j i32) (local $pairsBytes i32)
    (local $dist f64) (local $bestDistance f64) (local $inertia f64) (local $rate f64) (local $count f64)
    (local $rates v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairsBytes (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    ;; Assignment.
    (block $assignedAll
      (loop $assign
        (br_if $assignedAll (i32.ge_u (local.get $b) (local.get $size)))
        (local.set $row (i32.add (local.get $data)
          (i32.mul (i32.load (i32.add (local.get $batch) (i32.shl (local.get $b) (i32.const 2)))) (local.get $rowBytes))))
        (local.set $best (i32.const 0))
        (local.set $bestDistance (f64.const inf))
        (local.set $c (i32.const 0))
        (block $centresDone
          (loop $centresLoop
            (br_if $centresDone (i32.ge_u (local.get $c) (local.get $k)))
            (local.set $dist (call $squaredDistance
              (local.get $row)
              (i32.add (local.get $centres) (i32.mul (local.get $c) (local.get $rowBytes)))
              (local.get $d)))
            (if (f64.lt (local.get $dist) (local.get $bestDistance))
              (then
                (local.set $bestDistance (local.get $dist))
                (local.set $best (local.get $c))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $centresLoop)))
        (i32.store (i32.add (local.get $assigned) (i32.shl (local.get $b) (i32.const 2))) (local.get $best))
        (local.set $inertia (f64.add (local.get $inertia) (local.get $bestDistance)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $assign)))
    ;; Moves, in batch order: c += rate · (row − c), two coordinates per instruction.
    (local.set $b (i32.const 0))
    (block $movedAll
      (loop $move
        (br_if $movedAll (i32.ge_u (local.get $b) (local.get $size)))
        (local.set $c (i32.load (i32.add (local.get $assigned) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $row (i32.add (local.get $data)
          (i32.mul (i32.load (i32.add (local.get $batch) (i32.shl (local.get $b) (i32.const 2)))) (local.get $rowBytes))))
        (local.set $centre (i32.add (local.get $centres) (i32.mul (local.get $c) (local.get $rowBytes))))
        (local.set $count (f64.add (f64.load (i32.add (local.get $counts) (i32.shl (local.get $c) (i32.const 3)))) (f64.const 1)))
        (f64.store (i32.add (local.get $counts) (i32.shl (local.get $c) (i32.const 3))) (local.get $count))
        (local.set $rate (f64.div (f64.const 1) (local.get $count)))
        (local.set $rates (f64x2.splat (local.get $rate)))
        (local.set $j (i32.const 0))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $pairsBytes)))
            (v128.store (i32.add (local.get $centre) (local.get $j))
              (f64x2.add
                (v128.load (i32.add (local.get $centre) (local.get $j)))
                (f64x2.mul (local.get $rates)
                  (f64x2.sub
                    (v128.load (i32.add (local.get $row) (local.get $j)))
                    (v128.load (i32.add (local.get $centre) (local.get $j)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $pairs)))
        ;; An odd d: the last coordinate alone.
        (if (i32.lt_u (local.get $j) (local.get $rowBytes))
          (then
            (f64.store (i32.add (local.get $centre) (local.get $j))
              (f64.add
                (f64.load (i32.add (local.get $centre) (local.get $j)))
                (f64.mul (local.get $rate)
                  (f64.sub
                    (f64.load (i32.add (local.get $row) (local.get $j)))
                    (f64.load (i32.add (local.get $centre) (local.get $j)))))))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $move)))
    (local.get $inertia))
  ;; k-means++'s candidates scored (src/cluster/kmeans/seeding.ts), as its JavaScript loop does
  ;; it: for each row i (n × d at `data`) and candidate t (a row starting at element starts[t]),
  ;; the row's distance to its nearest centre should t join, min(closest[i], ‖row − t‖²), into
  ;; distances[t·n + i] and summed in row order into potentials[t].
  (func (export "seedCandidates")
    (param $data i32) (param $d i32) (param $n i32) (param $starts i32) (param $count i32)
    (param $closest i32) (param $distances i32) (param $potentials i32)
    (local $i i32) (local $t i32) (local $rowBytes i32) (local $row i32) (local $dist f64) (local $at i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (memory.fill (local.get $potentials) (i32.const 0) (i32.shl (local.get $count) (i32.const 3)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $row (i32.add (local.get $data) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $t (i32.const 0))
        (block $candidatesDone
          (loop $candidates
            (br_if $candidatesDone (i32.ge_u (local.get $t) (local.get $count)))
            (local.set $dist
              (f64.min
                (f64.load (i32.add (local.get $closest) (i32.shl (local.get $i) (i32.const 3))))
                (call $squaredDistance
                  (local.get $row)
                  (i32.add (local.get $data)
                    (i32.shl (i32.load (i32.add (local.get $starts) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 3)))
                  (local.get $d))))
            (f64.store
              (i32.add (local.get $distances)
                (i32.shl (i32.add (i32.mul (local.get $t) (local.get $n)) (local.get $i)) (i32.const 3)))
              (local.get $dist))
            (local.set $at (i32.add (local.get $potentials) (i32.shl (local.get $t) (i32.const 3))))
            (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $dist)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $candidates)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))))
