#version 450 core
// Shadow map pass: depth is written by the fixed function. Masked materials
// discard where their base colour alpha is under the cutoff, as in the main
// pass (vertex colour alpha is not applied here).
in vec2 v_uv;
layout(binding = 0) uniform sampler2D u_base_tex;
layout(location = 3) uniform int u_mask;        // 1: alpha-test
layout(location = 4) uniform float u_base_alpha;
layout(location = 5) uniform float u_alpha_cutoff;

void main()
{
    if (u_mask == 1 && u_base_alpha * texture(u_base_tex, v_uv).a < u_alpha_cutoff) discard;
}
